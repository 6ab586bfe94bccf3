using System.Text;
using System.Text.Json;

namespace Recommender.Api.Experiments;

/// <summary>
/// JSON re-written without whitespace: the same flag reads the same whatever the file's indentation, so its ETag and
/// history entries change only when its content does.
/// </summary>
public static class CompactJson
{
    public static string Of(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            element.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
