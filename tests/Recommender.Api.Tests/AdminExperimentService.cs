namespace Recommender.Api.Tests;

/// <summary>The service whose experiments.json the admin API tests edit (their own copy, so other tests are unaffected).</summary>
public sealed class AdminExperimentService() : RunningService(SplitExperimentService.Json);
