using Recommender.Experiments.Analysis;
using Recommender.Experiments.Exposures;
using Recommender.Experiments.History;
using Recommender.Experiments.Outcomes;
using Recommender.Experiments.Storage;
using Recommender.Experiments.Tests.TestData;

namespace Recommender.Experiments.Tests.Storage;

/// <summary>
/// What every store must do, run against SQLite and PostgreSQL by the subclasses. Each test has a database of
/// its own; <see cref="OpenStoreAsync"/> opens (and migrates) a store on it, and may be called again to reopen.
/// </summary>
public abstract class ExperimentStoreContract : IAsyncLifetime
{
    private readonly List<IExperimentStore> _opened = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IExperimentStore> OpenNewStoreAsync();

    /// <summary>Runs a statement on the test database outside the store (to tamper with it).</summary>
    protected abstract Task ExecuteRawAsync(string sql);

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
            await store.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected async Task<IExperimentStore> OpenStoreAsync()
    {
        var store = await OpenNewStoreAsync();
        _opened.Add(store);
        return store;
    }

    [Fact]
    public async Task Migrations_are_applied_once_and_reopening_changes_nothing()
    {
        var first = await OpenStoreAsync();
        await first.AppendExposuresAsync([Samples.Exposure("r1")], Ct);
        var applied = await first.ReadAppliedMigrationsAsync(Ct);

        var second = await OpenStoreAsync();
        var reapplied = await second.ReadAppliedMigrationsAsync(Ct);

        Assert.Equal([1], applied.Select(m => m.Version));
        Assert.Equal("initial", applied[0].Name);
        Assert.Equal(64, applied[0].Checksum.Length);
        Assert.Equal(applied, reapplied);
        Assert.Equal(1, await second.CountExposuresAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task A_migration_edited_after_it_was_applied_stops_the_start()
    {
        await OpenStoreAsync();
        await ExecuteRawAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(OpenStoreAsync);

        Assert.Contains("changed after it was applied", error.Message);
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_build_stops_the_start()
    {
        await OpenStoreAsync();
        await ExecuteRawAsync("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, 'future', 'x', 'now')");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(OpenStoreAsync);

        Assert.Contains("999", error.Message);
    }

    [Fact]
    public async Task An_exposure_reads_back_as_written()
    {
        var store = await OpenStoreAsync();
        var written = Samples.Exposure("r1", user: "alice", experiment: "home-ranking", variant: "treatment", minute: 7) with
        {
            Time = Samples.Start.AddMilliseconds(123_456.789),
            Items = [new ExposedItem("movie-50", 1, 3.25f), new ExposedItem("movie-7", 2, -0.1f), new ExposedItem("é😀", 3, 1e-7f)],
        };

        await store.AppendExposuresAsync([written], Ct);
        var read = await store.FindExposureAsync("r1", Ct);

        Assert.NotNull(read);
        Assert.Equal("alice", read.UserId);
        Assert.Equal("home-ranking", read.Experiment);
        Assert.Equal("treatment", read.Variant);
        Assert.Equal("v1", read.ConfigVersion);
        Assert.Equal("weighted", read.Strategy);
        // Both stores keep microseconds: .789 ms is 789 µs.
        Assert.Equal(Samples.Start.AddTicks(123_456_789 * 10), read.Time);
        Assert.Equal(new Dictionary<string, string> { ["popularity"] = "1", ["sar"] = "3" }, read.ModelVersions.OrderBy(p => p.Key).ToDictionary());
        Assert.Equal(written.Items, read.Items);
        Assert.Null(await store.FindExposureAsync("missing", Ct));
    }

    [Fact]
    public async Task Exposures_are_idempotent_by_request_id()
    {
        var store = await OpenStoreAsync();
        Exposure[] batch = [Samples.Exposure("r1"), Samples.Exposure("r2"), Samples.Exposure("r3")];

        var first = await store.AppendExposuresAsync(batch, Ct);
        var retried = await store.AppendExposuresAsync(batch, Ct);
        var overlapping = await store.AppendExposuresAsync([Samples.Exposure("r3"), Samples.Exposure("r4"), Samples.Exposure("r2")], Ct);
        var repeatedInBatch = await store.AppendExposuresAsync([Samples.Exposure("r5"), Samples.Exposure("r5", variant: "other")], Ct);

        Assert.Equal(3, first);
        Assert.Equal(0, retried);
        Assert.Equal(1, overlapping);
        Assert.Equal(1, repeatedInBatch);
        Assert.Equal(5, await store.CountExposuresAsync(cancellationToken: Ct));
        Assert.Equal(0, await store.AppendExposuresAsync([], Ct));
    }

    [Fact]
    public async Task A_failed_exposure_batch_leaves_nothing_behind_and_the_next_batch_is_stored()
    {
        var store = await OpenStoreAsync();
        await store.AppendExposuresAsync([Samples.Exposure("before")], Ct);

        // The table disappears under the store (as on a restore, or a failing disk): the batch fails as a whole.
        await ExecuteRawAsync("ALTER TABLE exposures RENAME TO exposures_away");
        await Assert.ThrowsAnyAsync<Exception>(() => store.AppendExposuresAsync([Samples.Exposure("during-1"), Samples.Exposure("during-2")], Ct));
        await ExecuteRawAsync("ALTER TABLE exposures_away RENAME TO exposures");

        var stored = await store.AppendExposuresAsync([Samples.Exposure("during-1"), Samples.Exposure("after")], Ct);

        Assert.Equal(2, stored);
        Assert.Equal(3, await store.CountExposuresAsync(cancellationToken: Ct));
        Assert.NotNull(await store.FindExposureAsync("after", Ct));
    }

    [Fact]
    public async Task The_first_exposure_with_a_request_id_wins()
    {
        var store = await OpenStoreAsync();

        await store.AppendExposuresAsync([Samples.Exposure("r1", variant: "control")], Ct);
        await store.AppendExposuresAsync([Samples.Exposure("r1", variant: "treatment")], Ct);

        Assert.Equal("control", (await store.FindExposureAsync("r1", Ct))?.Variant);
    }

    [Fact]
    public async Task Outcomes_are_idempotent_by_event_id_and_counted()
    {
        var store = await OpenStoreAsync();

        var first = await store.AppendOutcomesAsync([Samples.Outcome("e1"), Samples.Outcome("e2"), Samples.Outcome("e3", request: "r1", value: 2.5)], Ct);
        var retried = await store.AppendOutcomesAsync([Samples.Outcome("e1"), Samples.Outcome("e2"), Samples.Outcome("e3")], Ct);
        var mixed = await store.AppendOutcomesAsync(
            [Samples.Outcome("e2"), Samples.Outcome("e4"), Samples.Outcome("e4", type: "purchase"), Samples.Outcome("e5")], Ct);

        Assert.Equal(new OutcomeAppendResult(3, 0), first);
        Assert.Equal(new OutcomeAppendResult(0, 3), retried);
        Assert.Equal(new OutcomeAppendResult(2, 2), mixed);
        Assert.Equal(5, await store.CountOutcomesAsync(Ct));
        Assert.Equal(new OutcomeAppendResult(0, 0), await store.AppendOutcomesAsync([], Ct));
    }

    [Fact]
    public async Task History_reads_back_oldest_first_per_experiment()
    {
        var store = await OpenStoreAsync();
        var created = new ExperimentChange("home", "1", "alice", Samples.At(1), null, """{"variants":[{"name":"a"}]}""");
        var edited = new ExperimentChange("home", "2", "bob", Samples.At(2), created.After, """{"variants":[{"name":"a"},{"name":"b"}]}""");
        var other = new ExperimentChange("search", "1", "carol", Samples.At(3), null, "{}");

        await store.AppendHistoryAsync(created, Ct);
        await store.AppendHistoryAsync(other, Ct);
        await store.AppendHistoryAsync(edited, Ct);

        Assert.Equal([created, edited], await store.ReadHistoryAsync("home", Ct));
        Assert.Equal([other], await store.ReadHistoryAsync("search", Ct));
        Assert.Empty(await store.ReadHistoryAsync("none", Ct));
    }

    [Fact]
    public async Task An_experiment_without_exposures_has_no_variants()
    {
        var store = await OpenStoreAsync();

        Assert.Empty(await store.GetVariantExposureCountsAsync("exp", Ct));
        Assert.Empty(await store.GetVariantMetricSumsAsync("exp", new OutcomeMetric("click", MetricAggregation.EventCount), Ct));
    }

    // The attribution scenario, worked by hand (times in minutes):
    //   exposures of "exp": r1 u1 control @10, r2 u1 control @20, r3 u2 treatment @15, r4 u3 treatment @30,
    //                       r5 u3 control @40 (u3 stays in treatment, the variant of their first exposure)
    //   exposures of "other": r6 u4 @5, r7 u1 @12
    //   outcomes:  o1 click u1 r1 @11, o2 click u1 r2 @21, o3 click u1 @25 (no request: after u1's first exposure),
    //              o4 click u1 @5 (before it: prior), o5 click u1 r7 @13 (another experiment's request: not counted),
    //              o6 click u2 "unknown-request" @16 (names no exposure: attributed through the user),
    //              o7 purchase u2 r3 30 @17, o8 purchase u2 20 @18, o9 purchase u3 no value @31,
    //              o10 click u4 @6 (u4 not in "exp"), o11 purchase u1 7 @1 (prior), o12 click u3 r5 @41 (u3's, treatment)
    private async Task<IExperimentStore> SeedScenarioAsync()
    {
        var store = await OpenStoreAsync();
        await store.AppendExposuresAsync(
        [
            Samples.Exposure("r1", user: "u1", variant: "control", minute: 10),
            Samples.Exposure("r2", user: "u1", variant: "control", minute: 20),
            Samples.Exposure("r3", user: "u2", variant: "treatment", minute: 15),
            Samples.Exposure("r4", user: "u3", variant: "treatment", minute: 30),
            Samples.Exposure("r5", user: "u3", variant: "control", minute: 40),
            Samples.Exposure("r6", user: "u4", experiment: "other", variant: "control", minute: 5),
            Samples.Exposure("r7", user: "u1", experiment: "other", variant: "control", minute: 12),
        ], Ct);
        await store.AppendOutcomesAsync(
        [
            Samples.Outcome("o1", "click", "u1", "r1", 11),
            Samples.Outcome("o2", "click", "u1", "r2", 21),
            Samples.Outcome("o3", "click", "u1", null, 25),
            Samples.Outcome("o4", "click", "u1", null, 5),
            Samples.Outcome("o5", "click", "u1", "r7", 13),
            Samples.Outcome("o6", "click", "u2", "unknown-request", 16),
            Samples.Outcome("o7", "purchase", "u2", "r3", 17, 30),
            Samples.Outcome("o8", "purchase", "u2", null, 18, 20),
            Samples.Outcome("o9", "purchase", "u3", null, 31),
            Samples.Outcome("o10", "click", "u4", null, 6),
            Samples.Outcome("o11", "purchase", "u1", null, 1, 7),
            Samples.Outcome("o12", "click", "u3", "r5", 41),
        ], Ct);
        return store;
    }

    [Fact]
    public async Task Exposure_counts_assign_users_to_their_first_variant()
    {
        var store = await SeedScenarioAsync();

        var counts = await store.GetVariantExposureCountsAsync("exp", Ct);

        // control served r1 r2 r5, its user is u1; treatment served r3 r4, its users u2 and u3 (u3 crossed over).
        Assert.Equal(
            [new VariantExposureCounts("control", 1, 3, 0), new VariantExposureCounts("treatment", 2, 2, 1)],
            counts);
    }

    [Fact]
    public async Task Click_counts_per_user_follow_the_attribution_rules()
    {
        var store = await SeedScenarioAsync();
        var clicks = new OutcomeMetric("click", MetricAggregation.EventCount);

        var sums = await store.GetVariantMetricSumsAsync("exp", clicks, Ct);
        var users = await store.ReadUserMetricValuesAsync("exp", clicks, Ct).ToListAsync(Ct);

        // u1: o1 o2 o3 → x = 3, prior o4 → y = 1. u2: o6 → 1. u3: o12 → 1.
        Assert.Equal(
        [
            new VariantMetricSums("control", Users: 1, Events: 3, UsersWithEvents: 1, Sum: 3, SumOfSquares: 9,
                UsersWithPriorEvents: 1, PriorSum: 1, PriorSumOfSquares: 1, CrossSum: 3),
            new VariantMetricSums("treatment", Users: 2, Events: 2, UsersWithEvents: 2, Sum: 2, SumOfSquares: 2,
                UsersWithPriorEvents: 0, PriorSum: 0, PriorSumOfSquares: 0, CrossSum: 0),
        ], sums);
        Assert.Equal(
        [
            new UserMetricValue("u1", "control", Exposures: 2, Events: 3, Value: 3, PriorEvents: 1, PriorValue: 1),
            new UserMetricValue("u2", "treatment", Exposures: 1, Events: 1, Value: 1, PriorEvents: 0, PriorValue: 0),
            new UserMetricValue("u3", "treatment", Exposures: 2, Events: 1, Value: 1, PriorEvents: 0, PriorValue: 0),
        ], users);
    }

    [Fact]
    public async Task Revenue_sums_values_and_counts_a_missing_value_as_zero()
    {
        var store = await SeedScenarioAsync();

        var sums = await store.GetVariantMetricSumsAsync("exp", new OutcomeMetric("purchase", MetricAggregation.ValueSum), Ct);

        // control: u1 bought nothing after exposure (x = 0), 7 before (y = 7).
        // treatment: u2 30 + 20 = 50 (two events), u3 one purchase without value (x = 0, one event).
        Assert.Equal(
        [
            new VariantMetricSums("control", 1, 0, 0, 0, 0, 1, 7, 49, 0),
            new VariantMetricSums("treatment", 2, 3, 2, 50, 2500, 0, 0, 0, 0),
        ], sums);
    }

    [Fact]
    public async Task Conversion_is_one_per_user_with_any_event()
    {
        var store = await SeedScenarioAsync();

        var sums = await store.GetVariantMetricSumsAsync("exp", new OutcomeMetric("purchase", MetricAggregation.Conversion), Ct);

        Assert.Equal(
        [
            new VariantMetricSums("control", 1, 0, 0, 0, 0, 1, 1, 1, 0),
            new VariantMetricSums("treatment", 2, 3, 2, 2, 2, 0, 0, 0, 0),
        ], sums);
    }
}
