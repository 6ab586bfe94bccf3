namespace Recommender.Api.Experiments;

/// <summary>Whole-file replacement that readers never see half done.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="text"/> to a temporary file beside <paramref name="path"/> (same folder, so the same
    /// file system), flushes it to disk, then renames it over <paramref name="path"/>: a reader sees the old file or
    /// the new one, never a mix, and a crash leaves the old one.
    /// </summary>
    public static void WriteAllText(string path, string text)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
