using Recommender.Ensemble.Registry;

namespace Recommender.Ensemble.Tests.Models;

/// <summary>Saves through an <see cref="ArtifactWriter"/> into a temporary folder and reads it back, as the registry would.</summary>
public sealed class ArtifactRoundTrip : IDisposable
{
    public ArtifactRoundTrip()
    {
        DirectoryPath = Path.Combine(Path.GetTempPath(), "recommender-tests", Guid.NewGuid().ToString("N"));
        Writer = new ArtifactWriter(DirectoryPath);
    }

    public string DirectoryPath { get; }

    public ArtifactWriter Writer { get; }

    public ArtifactReader Reader() => new(DirectoryPath, new Dictionary<string, string>(Writer.Hashes));

    public void Dispose()
    {
        if (Directory.Exists(DirectoryPath))
            Directory.Delete(DirectoryPath, recursive: true);
    }
}
