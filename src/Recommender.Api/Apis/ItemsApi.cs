using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Recommender.Api.Hosting;
using Recommender.Api.Serving;

namespace Recommender.Api.Apis;

/// <summary>Item endpoints: items similar to a given one.</summary>
public static class ItemsApi
{
    public static IEndpointRouteBuilder MapItemsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/items").WithTags("Items")
            .MapGet("/{itemId}/similar", GetSimilarItems)
            .WithName("GetSimilarItems")
            .WithSummary("Items most similar to the given item.")
            .WithDescription("k defaults to 10 and must be between 1 and 1000. The item itself is never returned.");
        return app;
    }

    private static Results<Ok<SimilarItemsResponse>, ProblemHttpResult> GetSimilarItems(
        string itemId, string? k, ModelStore store, IOptions<RecommenderOptions> options)
    {
        if (!RequestValidation.TryParseK(k, out var count, out var kProblem))
            return kProblem;
        if (!store.IsReady || !store.TryGet(options.Value.SimilarItemsModel, out var loaded))
            return RequestValidation.NotReady();
        var model = loaded.Model;
        if (!model.Interactions.Items.TryGetIndex(itemId, out var item))
            return RequestValidation.Problem(StatusCodes.Status404NotFound, "Unknown item", $"No item with id '{itemId}' is known to model '{loaded.Name}'.", "itemId");
        var similar = model.SimilarItems(item, count);
        var items = new RecommendedItem[similar.Length];
        for (var i = 0; i < similar.Length; i++)
            items[i] = new RecommendedItem(model.Interactions.Items[similar[i].Item], similar[i].Score, i + 1);
        return TypedResults.Ok(new SimilarItemsResponse(itemId, loaded.Name, loaded.Version, items));
    }
}
