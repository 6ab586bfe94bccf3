namespace Recommender.Api.Tests;

/// <summary>
/// The service with a 50/50 percentile experiment ("split", placement "home"), user and group overrides, and a
/// disabled experiment ("paused").
/// </summary>
public sealed class SplitExperimentService() : RunningService(Json)
{
    public const string Seed = "split-2026";

    /// <summary>
    /// vip-1 hashes to percentile 46.5 (control's range) and is listed for treatment; beta-4 hashes to 69.1
    /// (treatment's range) and its group beta is listed for control. Both percentiles were computed outside this code
    /// base (Python hashlib: SHA-256 of "user\nseed", first four bytes little-endian / (2^32 − 1) × 100) and the tests
    /// re-check them, so the overrides provably change what the percentile alone would give.
    /// </summary>
    public const string Json = """
        {
          "placements": { "default": "split", "home": "split", "paused": "paused" },
          "feature_management": { "feature_flags": [
            { "id": "split", "enabled": true, "telemetry": { "enabled": true },
              "variants": [
                { "name": "control", "configuration_value": { "strategy": "cascade", "models": ["sar", "popularity"], "rules": "none" } },
                { "name": "treatment", "configuration_value": { "strategy": "weighted", "models": ["als", "sar"], "weights": { "als": 0.5, "sar": 0.5 }, "normalization": "zscore", "rules": "none" } } ],
              "allocation": { "seed": "split-2026", "default_when_enabled": "control",
                "user": [ { "variant": "treatment", "users": ["vip-1"] } ],
                "group": [ { "variant": "control", "groups": ["beta"] } ],
                "percentile": [ { "variant": "control", "from": 0, "to": 50 }, { "variant": "treatment", "from": 50, "to": 100 } ] } },
            { "id": "paused", "enabled": false,
              "variants": [
                { "name": "on", "configuration_value": { "strategy": "cascade", "models": ["sar"], "rules": "none" } },
                { "name": "off", "configuration_value": { "strategy": "cascade", "models": ["popularity"], "rules": "none" } } ],
              "allocation": { "default_when_enabled": "on", "default_when_disabled": "off",
                "percentile": [ { "variant": "on", "from": 0, "to": 100 } ] } }
          ] }
        }
        """;
}
