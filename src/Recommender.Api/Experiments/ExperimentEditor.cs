using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Recommender.Experiments.History;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Experiments;

/// <summary>
/// Replaces one experiment (one feature flag) of experiments.json on behalf of the admin API: optimistic concurrency
/// on the experiment's ETag, the whole resulting file validated exactly as a reload would be (every error, with its
/// JSON path), an atomic write through <see cref="ExperimentsConfigStore.TryReplace"/>, and a history entry with
/// who, when, before and after. Edits are serialised so two callers holding the same ETag cannot both win.
/// </summary>
public sealed class ExperimentEditor(ExperimentsConfigStore store, IExperimentStore history, TimeProvider time, ILogger<ExperimentEditor> logger) : IDisposable
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <param name="ifMatch">The If-Match header: required; "*" or a list of ETags, one of which must be the experiment's current one.</param>
    /// <param name="changedBy">Who asks, recorded in the history.</param>
    public async Task<ExperimentEdit> ReplaceAsync(string experimentId, JsonElement flag, string? ifMatch, string changedBy, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // An edit on disk that the watcher has not applied yet must count for the ETag check.
            store.Reload();
            var current = store.Current;
            if (!current.Experiments.TryGetValue(experimentId, out var before))
                return ExperimentEdit.NotFound();
            if (string.IsNullOrWhiteSpace(ifMatch))
                return ExperimentEdit.PreconditionRequired(before.ETag);
            if (!Matches(ifMatch, before.ETag))
                return ExperimentEdit.PreconditionFailed(before.ETag);

            var (text, errors) = Compose(current, before, flag);
            if (text is null)
                return ExperimentEdit.Invalid(errors);
            var (config, refused) = store.TryReplace(text, changedBy);
            if (config is null)
                return ExperimentEdit.Invalid(refused);
            var after = config.Experiments[experimentId];
            var change = new ExperimentChange(experimentId, after.ETag, changedBy, time.GetUtcNow(), before.Json, after.Json);
            try
            {
                await history.AppendHistoryAsync(change, cancellationToken);
            }
            catch (Exception e)
            {
                // The edit is in force and on disk; losing its audit line must be loud.
                logger.LogError(e, "Experiment {Experiment} was changed by {Editor} to {ETag}, but the history entry could not be written", experimentId, changedBy, after.ETag);
                throw;
            }
            return ExperimentEdit.Replaced(config, after);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Strong comparison (RFC 9110 §13.1.1): weak tags never match; "*" matches any current representation.</summary>
    public static bool Matches(string ifMatch, string etag)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        foreach (var candidate in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate == "*" || string.Equals(candidate, etag, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The new file: the serving configuration's text with this experiment's flag replaced (an absent "id" is taken
    /// from the path), checked in full. The base is the last validated text, not the file on disk: a refused hand edit
    /// is not carried into the admin's change (it stays visible as the last refusal until then).
    /// </summary>
    private (string? Text, IReadOnlyList<string> Errors) Compose(ExperimentsConfig current, ExperimentDefinition before, JsonElement flag)
    {
        if (flag.ValueKind != JsonValueKind.Object)
            return (null, [$"{before.JsonPath}: the body must be a JSON object (a feature flag)"]);
        var replacement = JsonNode.Parse(flag.GetRawText())!.AsObject();
        if (!replacement.ContainsKey("id"))
            replacement.Insert(0, "id", before.Id);
        else if (replacement["id"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String || id.GetValue<string>() != before.Id)
            return (null, [$"{before.JsonPath}.id: must be '{before.Id}', the experiment in the path (an experiment cannot be renamed)"]);

        var root = JsonNode.Parse(current.Source, documentOptions: ReadOptions)!;
        var flags = root["feature_management"]!["feature_flags"]!.AsArray();
        var index = flags.Select((f, i) => (f, i)).First(x => x.f?["id"]?.GetValue<string>() == before.Id).i;
        flags[index] = replacement;
        var text = root.ToJsonString(WriteOptions) + Environment.NewLine;
        var (config, errors) = store.Check(text);
        return config is null ? (null, errors) : (text, []);
    }

    public void Dispose() => _gate.Dispose();
}
