namespace Recommender.Api.Cli;

/// <summary>What import-outcomes did with a file.</summary>
/// <param name="File">The file.</param>
/// <param name="Records">Data records read (the header aside).</param>
/// <param name="Accepted">Events newly stored.</param>
/// <param name="Duplicates">Valid events whose eventId was already stored or came earlier in the file: not stored again.</param>
/// <param name="Rejected">Records refused by validation.</param>
/// <param name="Imported">False when rejected records stopped the import (no --skip-invalid): nothing was stored.</param>
/// <param name="Rejections">The refused records' lines and reasons, the first <see cref="OutcomeImporter.MaxListedRejections"/>.</param>
internal sealed record OutcomeImportSummary(
    string File,
    long Records,
    long Accepted,
    long Duplicates,
    long Rejected,
    bool Imported,
    IReadOnlyList<OutcomeRejection> Rejections);

/// <summary>A refused record: its line (the header is line 1) and every reason.</summary>
internal sealed record OutcomeRejection(int Line, string Reason);
