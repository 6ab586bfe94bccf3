using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recommender.Rules.Definitions;

/// <summary>The JSON shape of a workflow file, exactly as written (see src/Rules/README.md).</summary>
internal sealed class WorkflowFile
{
    [JsonPropertyName("workflow")]
    public string? Workflow { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("rules")]
    public List<RuleEntry>? Rules { get; set; }

    /// <summary>One rule as written; which fields apply depends on <see cref="Kind"/>.</summary>
    internal sealed class RuleEntry
    {
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("kind")]
        public string? Kind { get; set; }

        [JsonPropertyName("description")]
        public string? Description { get; set; }

        [JsonPropertyName("enabled")]
        public bool? Enabled { get; set; }

        [JsonPropertyName("when")]
        public string? When { get; set; }

        /// <summary>A JSON number or an expression string.</summary>
        [JsonPropertyName("factor")]
        public JsonElement? Factor { get; set; }

        [JsonPropertyName("onError")]
        public string? OnError { get; set; }

        [JsonPropertyName("by")]
        public string? By { get; set; }

        [JsonPropertyName("byExpression")]
        public string? ByExpression { get; set; }

        [JsonPropertyName("max")]
        public int? Max { get; set; }

        [JsonPropertyName("backfill")]
        public bool? Backfill { get; set; }
    }
}
