using System.Net;
using System.Net.Http.Json;
using Recommender.Api.Apis;

namespace Recommender.Api.Tests;

/// <summary>What every served model preset must do through HTTP, whatever the model.</summary>
internal static class ServedPresetChecks
{
    /// <summary>
    /// A known user and a newcomer with three recent items each get five recommendations that name
    /// <paramref name="model"/>'s first version; the newcomer's recent items are not recommended back.
    /// </summary>
    public static async Task KnownAndFoldedInUsersGetRecommendationsAsync(RunningService service, string model, CancellationToken cancellationToken)
    {
        var interactions = service.Store.Serving!.Matrix;
        var user = interactions.Users.Ids[0];
        var history = interactions.ItemsOf(0).ToArray().Take(3).Select(i => interactions.Items.Ids[i]).ToList();

        var known = await service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = user, k = 5 }, cancellationToken);
        var folded = await service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = "someone-new", k = 5, recentItemIds = history }, cancellationToken);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, folded.StatusCode);
        var knownBody = await known.Content.ReadFromJsonAsync<RecommendationResponse>(cancellationToken);
        var foldedBody = await folded.Content.ReadFromJsonAsync<RecommendationResponse>(cancellationToken);
        Assert.Equal("1", knownBody!.ModelVersions[model]);
        Assert.Equal(5, knownBody.Items.Count);
        Assert.Equal(5, foldedBody!.Items.Count);
        // Folded-in history is excluded as seen.
        Assert.DoesNotContain(foldedBody.Items, i => history.Contains(i.ItemId));
    }
}
