using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recommender.Ensemble.Registry;

/// <summary>The JSON conventions of manifests and model parameters (camelCase, enums as strings).</summary>
public static class RegistryJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static JsonElement ToElement(object value) => JsonSerializer.SerializeToElement(value, value.GetType(), Options);

    /// <summary>Parameters of <typeparamref name="T"/> from JSON, or the type's defaults when absent.</summary>
    public static T ParametersOr<T>(JsonElement? parameters, T defaults) where T : class =>
        parameters is { ValueKind: JsonValueKind.Object } element
            ? element.Deserialize<T>(Options) ?? defaults
            : defaults;
}
