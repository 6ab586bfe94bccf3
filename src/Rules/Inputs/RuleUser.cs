namespace Recommender.Rules;

/// <summary>
/// What is known about the requesting user, as rule expressions see it through the parameter <c>user</c>.
/// Every attribute may be unknown: <see cref="Age"/> is then null (comparisons with it are false) and text is empty.
/// </summary>
public sealed class RuleUser
{
    private static readonly string[] NoSegments = [];

    public RuleUser(
        string? id = null,
        int? age = null,
        string? gender = null,
        string? country = null,
        IReadOnlyList<string>? segments = null)
    {
        Id = id ?? "";
        Age = age;
        Gender = gender ?? "";
        Country = country ?? "";
        Segments = segments ?? NoSegments;
    }

    /// <summary>A user about whom nothing is known.</summary>
    public static RuleUser Anonymous { get; } = new();

    public string Id { get; }

    public int? Age { get; }

    public string Gender { get; }

    /// <summary>Country or region code as the request or profile gives it; empty when unknown.</summary>
    public string Country { get; }

    /// <summary>Segments the user belongs to; a segment named like a category means "likes that category".</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>True when the user belongs to <paramref name="segment"/>, ignoring case.</summary>
    public bool InSegment(string segment)
    {
        for (var i = 0; i < Segments.Count; i++)
        {
            if (string.Equals(Segments[i], segment, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    public override string ToString() => Id;
}
