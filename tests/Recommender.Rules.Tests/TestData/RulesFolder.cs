using System.Text.Json;

namespace Recommender.Rules.Tests.TestData;

/// <summary>A throwaway rules folder under the temp directory, deleted on dispose.</summary>
internal sealed class RulesFolder : IDisposable
{
    public RulesFolder()
    {
        Path = Directory.CreateTempSubdirectory("rules-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes <c>{name}.json</c> holding a workflow named <paramref name="name"/> with <paramref name="rules"/>
    /// (anonymous objects serialised as the rules array).</summary>
    public void WriteWorkflow(string name, params object[] rules) =>
        Write(name + ".json", JsonSerializer.Serialize(new { workflow = name, rules }));

    public void Write(string fileName, string content) =>
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), content);

    public void Delete(string fileName) => File.Delete(System.IO.Path.Combine(Path, fileName));

    /// <summary>A host over this folder; no watching unless asked, so tests drive reloads explicitly.</summary>
    public RuleWorkflowHost Host(bool watch = false, TimeSpan? debounce = null) =>
        new(new RuleWorkflowHostOptions(Path, watch, debounce));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
