using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Recommender.Api.Apis;
using Recommender.Experiments.Analysis;

namespace Recommender.Api.Tests.ExperimentData;

/// <summary>POST /v1/outcomes on each store, through HTTP: validation, idempotency, durability, attribution.</summary>
public abstract class OutcomesApiContract(RunningService service)
{
    protected RunningService Service { get; } = service;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static object Event(string eventId, string type = "click", string userId = "u1", string itemId = "i1",
        string? requestId = null, DateTimeOffset? timestamp = null, double? value = null) =>
        new { eventId, type, userId, itemId, requestId, timestamp = timestamp ?? DateTimeOffset.UtcNow, value };

    private async Task<OutcomesAccepted> PostAcceptedAsync(params object[] events)
    {
        using var response = await Service.Client.PostAsJsonAsync("/v1/outcomes", new { events }, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OutcomesAccepted>(Cancel))!;
    }

    private async Task<(HttpStatusCode Status, string[] Fields)> PostRawAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Service.Client.PostAsync("/v1/outcomes", content, Cancel);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        return (response.StatusCode, fields);
    }

    private Task<long> StoredAsync() => Service.ExperimentStore.CountOutcomesAsync(Cancel);

    [Fact]
    public async Task A_batch_is_stored_once_and_resent_events_count_as_duplicates()
    {
        var before = await StoredAsync();
        var click = Event(NewId("click"), requestId: NewId("request"));
        var purchase = Event(NewId("purchase"), "purchase", value: 19.99);
        var rating = Event(NewId("rating"), "rating", value: 4);

        Assert.Equal(new OutcomesAccepted(3, 0), await PostAcceptedAsync(click, purchase, rating));
        Assert.Equal(before + 3, await StoredAsync());
        Assert.Equal(new OutcomesAccepted(0, 3), await PostAcceptedAsync(click, purchase, rating));
        Assert.Equal(new OutcomesAccepted(1, 1), await PostAcceptedAsync(purchase, Event(NewId("dismiss"), "dismiss")));
        // The same id twice in one batch: stored once.
        var twice = NewId("twice");
        Assert.Equal(new OutcomesAccepted(1, 1), await PostAcceptedAsync(Event(twice, "add_to_cart"), Event(twice, "add_to_cart")));
        Assert.Equal(before + 5, await StoredAsync());
    }

    [Fact]
    public async Task Every_invalid_field_is_named_and_nothing_of_the_batch_is_stored()
    {
        var before = await StoredAsync();
        var now = DateTimeOffset.UtcNow.ToString("O");
        var json = $$"""
            { "events": [
              { "eventId": "{{NewId("ok")}}", "type": "click", "userId": "u1", "itemId": "i1", "timestamp": "{{now}}" },
              { "eventId": "{{NewId("bad")}}", "type": "like", "userId": "u1", "itemId": "i1", "timestamp": "{{now}}" },
              { "eventId": "{{NewId("bad")}}", "type": "click", "itemId": "i1", "timestamp": "last tuesday" },
              { "eventId": "{{NewId("bad")}}", "type": "purchase", "userId": "u1", "itemId": "i1", "timestamp": "{{now}}", "value": "12.50" },
              { "eventId": "", "type": "rating", "userId": 7, "itemId": "i1", "requestId": "", "timestamp": "2026-11-29T10:15:00" },
              "not an event"
            ] }
            """;

        var (status, fields) = await PostRawAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            ["events[1].type", "events[2].timestamp", "events[2].userId", "events[3].value",
             "events[4].eventId", "events[4].requestId", "events[4].timestamp", "events[4].userId", "events[4].value", "events[5]"],
            fields);
        Assert.Equal(before, await StoredAsync());
    }

    [Theory]
    [InlineData("""{ "events": [] }""", HttpStatusCode.BadRequest, "events")]
    [InlineData("""{ "events": {} }""", HttpStatusCode.BadRequest, "events")]
    [InlineData("""{ "outcomes": [] }""", HttpStatusCode.BadRequest, "events")]
    [InlineData("""[]""", HttpStatusCode.BadRequest, "body")]
    [InlineData("""{ "events": [ """, HttpStatusCode.BadRequest, "body")]
    public async Task Malformed_batches_are_refused_naming_the_field(string json, HttpStatusCode expected, string field)
    {
        var (status, fields) = await PostRawAsync(json);

        Assert.Equal(expected, status);
        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task More_than_1000_events_are_refused_with_413_naming_events()
    {
        var before = await StoredAsync();
        var events = Enumerable.Range(0, 1001).Select(i => Event($"many-{i}-{Guid.NewGuid():N}"));

        var (status, fields) = await PostRawAsync(JsonSerializer.Serialize(new { events }, JsonSerializerOptions.Web));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(["events"], fields);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task Exactly_1000_events_are_accepted()
    {
        var events = Enumerable.Range(0, 1000).Select(i => Event($"full-{i}-{Guid.NewGuid():N}", userId: $"u{i % 40}")).ToArray();

        Assert.Equal(new OutcomesAccepted(1000, 0), await PostAcceptedAsync(events));
    }

    [Fact]
    public async Task Outcomes_count_for_the_variant_of_their_request_or_else_of_the_users_assignment()
    {
        // A user new to the models (so no other test's exposures are theirs), exposed once on each experiment.
        var user = NewId("attributed");
        var home = await RecommendAsync(user, "home");
        var fallback = await RecommendAsync(user, "fallback");
        await Service.ExposureLog.DrainAsync(Cancel).WaitAsync(TimeSpan.FromMinutes(1), Cancel);
        var before = DateTimeOffset.UtcNow.AddHours(-1);
        var after = DateTimeOffset.UtcNow.AddMinutes(1);

        await PostAcceptedAsync(
            Event(NewId("e"), userId: user, requestId: home.RequestId, timestamp: after),           // home through its request
            Event(NewId("e"), userId: NewId("other"), requestId: home.RequestId, timestamp: after), // home's request, reported for someone else: still the exposed user's
            Event(NewId("e"), userId: user, requestId: fallback.RequestId, timestamp: after),       // the other experiment's request
            Event(NewId("e"), userId: user, timestamp: after),                                      // no request: the user's assignment, both experiments
            Event(NewId("e"), userId: user, requestId: NewId("unknown"), timestamp: after),          // a request no exposure has: as if absent
            Event(NewId("e"), userId: user, timestamp: before),                                     // before the first exposure: pre-experiment
            Event(NewId("e"), "purchase", userId: user, requestId: home.RequestId, timestamp: after, value: 30));

        var homeRow = await UserRowAsync("home-ranker", user, new OutcomeMetric("click", MetricAggregation.EventCount));
        Assert.Equal("blend", homeRow.Variant);
        Assert.Equal(4, homeRow.Events);      // own request, request reported for another user, no request, unknown request
        Assert.Equal(1, homeRow.PriorEvents);
        var fallbackRow = await UserRowAsync("fallback-test", user, new OutcomeMetric("click", MetricAggregation.EventCount));
        Assert.Equal("control", fallbackRow.Variant);
        Assert.Equal(3, fallbackRow.Events);  // own request, no request, unknown request
        Assert.Equal(1, fallbackRow.PriorEvents);
        var revenue = await UserRowAsync("home-ranker", user, new OutcomeMetric("purchase", MetricAggregation.ValueSum));
        Assert.Equal(30, revenue.Value);
        Assert.Equal(0, (await UserRowAsync("fallback-test", user, new OutcomeMetric("purchase", MetricAggregation.ValueSum))).Value);
    }

    private async Task<RecommendationResponse> RecommendAsync(string user, string placement)
    {
        using var response = await Service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = user, k = 3, placement }, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RecommendationResponse>(Cancel))!;
    }

    private async Task<UserMetricValue> UserRowAsync(string experiment, string user, OutcomeMetric metric)
    {
        await foreach (var row in Service.ExperimentStore.ReadUserMetricValuesAsync(experiment, metric, Cancel))
        {
            if (row.UserId == user)
                return row;
        }
        throw new Xunit.Sdk.XunitException($"{user} has no row in {experiment}.");
    }
}
