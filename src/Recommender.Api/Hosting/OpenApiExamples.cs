using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;

namespace Recommender.Api.Hosting;

/// <summary>Request and response examples in the OpenAPI document, by operation id.</summary>
internal static class OpenApiExamples
{
    private static readonly Dictionary<string, (string? Request, string Response)> Examples = new(StringComparer.Ordinal)
    {
        ["PostRecommendations"] = (
            """{ "userId": "u1", "k": 3, "placement": "home", "context": { "device": "tv" }, "recentItemIds": [], "excludeItemIds": ["i42"] }""",
            """{ "requestId": "0196f0c2a4b87c3e9d0f4b2a1c3d5e6f", "userId": "u1", "experiment": "home-ranker", "variant": "blend", "strategy": "weighted", "modelVersions": { "als": "3", "ease": "1" }, "items": [ { "itemId": "i17", "score": 1.92, "rank": 1 }, { "itemId": "i5", "score": 1.40, "rank": 2 }, { "itemId": "i88", "score": 1.12, "rank": 3 } ] }"""),
        ["GetUserRecommendations"] = (null,
            """{ "requestId": "0196f0c2a4b87c3e9d0f4b2a1c3d5e70", "userId": "u1", "experiment": "home-ranker", "variant": "blend", "strategy": "weighted", "modelVersions": { "als": "3", "ease": "1" }, "items": [ { "itemId": "i17", "score": 1.92, "rank": 1 } ] }"""),
        ["PostOutcomes"] = (
            """{ "events": [ { "eventId": "e-1001", "type": "click", "userId": "u1", "itemId": "i17", "requestId": "0196f0c2a4b87c3e9d0f4b2a1c3d5e6f", "timestamp": "2026-11-29T10:15:00Z" }, { "eventId": "e-1002", "type": "purchase", "userId": "u1", "itemId": "i17", "timestamp": "2026-11-29T10:21:30Z", "value": 19.99 } ] }""",
            """{ "accepted": 2, "duplicates": 0 }"""),
        ["GetExperimentResults"] = (null,
            """{ "experiment": "home-ranker", "metric": "click", "metricDescription": "click events per user", "configVersion": "3f9a0c1d2b4e5f60", "controlVariant": "control", "controlRule": "the variant named \"control\"", "confidenceLevel": 0.95, "variants": [ { "variant": "control", "isControl": true, "users": 4, "exposures": 4, "crossoverUsers": 0, "events": 4, "usersWithEvents": 3, "configuredShare": 0.5, "observedShare": 0.5, "metric": { "mean": 1, "standardDeviation": 0.8165, "standardError": 0.4082, "interval": { "lower": -0.2992, "upper": 2.2992 } }, "cupedMetric": { "mean": 1, "standardDeviation": 0.5774, "standardError": 0.2887, "interval": { "lower": 0.0813, "upper": 1.9187 } } }, { "variant": "blend", "isControl": false, "users": 4, "exposures": 5, "crossoverUsers": 0, "events": 8, "usersWithEvents": 4, "configuredShare": 0.5, "observedShare": 0.5, "metric": { "mean": 2, "standardDeviation": 0.8165, "standardError": 0.4082, "interval": { "lower": 0.7008, "upper": 3.2992 } }, "lift": { "absolute": 1, "absoluteInterval": { "lower": -0.4127, "upper": 2.4127 }, "standardError": 0.5774, "degreesOfFreedom": 6, "tStatistic": 1.7321, "pValue": 0.134, "significant": false, "relative": 1, "relativeInterval": { "lower": -0.7892, "upper": 2.7892 }, "notes": [] }, "cupedLift": { "absolute": 1, "absoluteInterval": { "lower": 0.0011, "upper": 1.9989 }, "standardError": 0.4082, "degreesOfFreedom": 6, "tStatistic": 2.4495, "pValue": 0.0498, "significant": true, "relative": 1, "relativeInterval": { "lower": -0.2651, "upper": 2.2651 }, "notes": [] } } ], "sampleRatioMismatch": { "chiSquare": 0, "degreesOfFreedom": 1, "pValue": 1, "threshold": 0.001, "mismatch": false, "cells": [ { "variant": "blend", "configuredShare": 0.5, "observed": 4, "expected": 4 }, { "variant": "control", "configuredShare": 0.5, "observed": 4, "expected": 4 } ], "notes": [ "an expected count is below 5: the chi-square approximation is rough" ] }, "cuped": { "applied": true, "theta": 1, "covariateMean": 0.5, "correlation": 0.7071, "varianceReduction": 0.5, "usersWithPriorEvents": 4 }, "notes": [] }"""),
        ["GetSimilarItems"] = (null,
            """{ "itemId": "i1", "model": "sar", "modelVersion": "1", "items": [ { "itemId": "i1716", "score": 0.32, "rank": 1 }, { "itemId": "i220", "score": 0.31, "rank": 2 } ] }"""),
        ["GetExperiment"] = (null,
            """{ "id": "home-ranker", "etag": "\"4f1c2a9b0d3e5f67\"", "configVersion": "9a8b7c6d5e4f3a2b", "enabled": true, "placements": ["default", "home"], "flag": { "id": "home-ranker", "enabled": true, "variants": [ { "name": "control", "configuration_value": { "strategy": "cascade", "models": ["als", "popularity"], "rules": "default" } } ], "allocation": { "default_when_enabled": "control" } } }"""),
        ["PutExperiment"] = (
            """{ "enabled": true, "variants": [ { "name": "control", "configuration_value": { "strategy": "cascade", "models": ["als", "popularity"], "rules": "default" } }, { "name": "blend", "configuration_value": { "strategy": "weighted", "models": ["als", "ease"], "weights": { "als": 0.7, "ease": 0.3 }, "rules": "default" } } ], "allocation": { "seed": "home-ranker-2", "default_when_enabled": "control", "user": [ { "variant": "blend", "users": ["u1"] } ], "percentile": [ { "variant": "control", "from": 0, "to": 50 }, { "variant": "blend", "from": 50, "to": 100 } ] } }""",
            """{ "id": "home-ranker", "etag": "\"0c7d1e2f3a4b5c6d\"", "configVersion": "1b2c3d4e5f6a7b8c", "enabled": true, "placements": ["default", "home"], "flag": { "id": "home-ranker", "enabled": true } }"""),
        ["GetExperimentAssignment"] = (null,
            """{ "experiment": "home-ranker", "userId": "u42", "groups": [], "variant": "blend", "reason": "percentile", "percentile": 73.18, "configVersion": "1b2c3d4e5f6a7b8c", "policy": { "strategy": "weighted", "models": ["als", "ease"], "weights": { "als": 0.5, "ease": 0.5 }, "rules": "default" } }"""),
        ["GetModels"] = (null,
            """{ "ready": true, "dataset": "data", "models": [ { "name": "als", "latestVersion": "2", "versions": [ { "version": "2", "kind": "als", "dataFingerprint": "3f9a0c21", "created": "2026-11-29T03:15:00+00:00", "users": 3000, "items": 2000, "interactions": 60000, "metrics": {}, "scoring": { "device": "cpu", "method": "embedding top-k", "requested": "auto", "precision": "fp32", "reason": "cuda unavailable: OnnxRuntimeException: [ErrorCode:RuntimeException] Failed to load shared library libonnxruntime_providers_cuda.so", "microBatching": false }, "scoringDevice": "cpu" } ] } ] }"""),
    };

    public static void Add(OpenApiOptions options) =>
        options.AddOperationTransformer((operation, _, _) =>
        {
            if (operation.OperationId is { } id && Examples.TryGetValue(id, out var example))
            {
                if (example.Request is { } request && operation.RequestBody?.Content is { } requestContent && requestContent.TryGetValue("application/json", out var requestMedia))
                    requestMedia.Example = JsonNode.Parse(request);
                // The success answer: 200, or 202 for endpoints that accept work.
                if (operation.Responses is { } responses && (responses.TryGetValue("200", out var ok) || responses.TryGetValue("202", out ok)) && ok.Content is { } responseContent && responseContent.TryGetValue("application/json", out var responseMedia))
                    responseMedia.Example = JsonNode.Parse(example.Response);
            }
            return Task.CompletedTask;
        });
}
