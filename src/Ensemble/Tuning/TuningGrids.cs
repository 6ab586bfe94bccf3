using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Tuning;

/// <summary>The hyper-parameter grids `tune` searches, per preset.</summary>
public static class TuningGrids
{
    public static IReadOnlyList<string> Presets => ["sar"];

    public static IEnumerable<TuningCandidate> For(string preset) => preset switch
    {
        "sar" => Sar(),
        _ => throw new ArgumentException($"No tuning grid for '{preset}'. Grids: {string.Join(", ", Presets)}.", nameof(preset)),
    };

    private static IEnumerable<TuningCandidate> Sar()
    {
        foreach (var similarity in Enum.GetValues<SimilarityType>())
        {
            foreach (var halfLife in new[] { 30.0, 365.0 })
            {
                foreach (var decay in new[] { true, false })
                {
                    if (!decay && halfLife != 30.0)
                        continue;
                    var options = new SarOptions(similarity, halfLife, decay);
                    yield return new TuningCandidate($"sar similarity={similarity} decay={(decay ? $"{halfLife}d" : "off")}", () => new SarRecommender(options));
                }
            }
        }
    }
}
