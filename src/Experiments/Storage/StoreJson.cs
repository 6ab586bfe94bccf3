using System.Text.Json;
using System.Text.Json.Serialization;
using Recommender.Experiments.Exposures;

namespace Recommender.Experiments.Storage;

/// <summary>
/// The JSON of exposure columns and spool lines (camelCase, source-generated so the hot path does not reflect).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Exposure))]
[JsonSerializable(typeof(IReadOnlyList<ExposedItem>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class StoreJson : JsonSerializerContext
{
    public static string ModelVersions(Exposure exposure) =>
        JsonSerializer.Serialize(exposure.ModelVersions, Default.IReadOnlyDictionaryStringString);

    public static string Items(Exposure exposure) =>
        JsonSerializer.Serialize(exposure.Items, Default.IReadOnlyListExposedItem);

    public static IReadOnlyDictionary<string, string> ParseModelVersions(string json) =>
        JsonSerializer.Deserialize(json, Default.IReadOnlyDictionaryStringString) ?? new Dictionary<string, string>();

    public static IReadOnlyList<ExposedItem> ParseItems(string json) =>
        JsonSerializer.Deserialize(json, Default.IReadOnlyListExposedItem) ?? [];
}
