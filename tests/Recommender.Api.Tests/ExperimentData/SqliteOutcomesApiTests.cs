using System.Net.Http.Json;
using System.Text.Json;

namespace Recommender.Api.Tests.ExperimentData;

public sealed class SqliteOutcomesApiTests(RunningService service) : OutcomesApiContract(service), IClassFixture<RunningService>
{
    [Fact]
    public async Task OpenApi_document_describes_the_outcomes_endpoint_with_an_example()
    {
        var document = await Service.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var post = document.GetProperty("paths").GetProperty("/v1/outcomes").GetProperty("post");
        Assert.False(string.IsNullOrEmpty(post.GetProperty("summary").GetString()));
        var example = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal(2, example.GetProperty("events").GetArrayLength());
        var accepted = post.GetProperty("responses").GetProperty("202").GetProperty("content").GetProperty("application/json");
        Assert.Equal(2, accepted.GetProperty("example").GetProperty("accepted").GetInt32());
        Assert.True(post.GetProperty("responses").TryGetProperty("400", out _));
    }
}
