using System.ComponentModel.DataAnnotations;

namespace Recommender.Api.Serving;

/// <summary>The per-user candidate cache ("Serving:CandidateCache"), bound and validated at start.</summary>
public sealed class CandidateCacheSettings
{
    public const string SectionName = "Serving:CandidateCache";

    /// <summary>
    /// Most candidate lists kept (one per model version, user and pool size); 0 turns the cache off. The default holds
    /// 100,000 lists: at the default pool of 200 that is at most ≈ 160 MB, usually far less (pools are smaller).
    /// </summary>
    [Range(0, 100_000_000)]
    public int Entries { get; set; } = 100_000;
}
