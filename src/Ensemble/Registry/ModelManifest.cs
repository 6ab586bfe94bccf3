using System.Text.Json;

namespace Recommender.Ensemble.Registry;

/// <summary>manifest.json of one model version: what it is, what it was trained on, how good it was, its files.</summary>
public sealed record ModelManifest(
    int FormatVersion,
    string Name,
    string Version,
    string Kind,
    JsonElement Parameters,
    string DataFingerprint,
    int Users,
    int Items,
    int Interactions,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset Created,
    IReadOnlyDictionary<string, string> Files)
{
    public const int CurrentFormatVersion = 1;
    public const string FileName = "manifest.json";
}
