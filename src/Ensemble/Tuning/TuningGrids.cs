using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Tuning;

/// <summary>The hyper-parameter grids `tune` searches, per preset.</summary>
public static class TuningGrids
{
    public static IReadOnlyList<string> Presets => ["sar", "als", "ease", "ease-session", "content", "rp3beta", "multvae"];

    public static IEnumerable<TuningCandidate> For(string preset) => preset switch
    {
        "sar" => Sar(),
        "als" => Als(),
        "ease" => Ease(),
        "ease-session" => EaseSession(),
        "content" => Content(),
        "rp3beta" => Rp3Beta(),
        "multvae" => MultVae(),
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

    private static IEnumerable<TuningCandidate> Als()
    {
        // Earlier passes (docs/tuning.md): reg {0.05, 1, 10} × alpha {1, 5, 20} × binarize × factors {64, 128}
        // favoured binarised weights at reg 10; then factors {64, 128, 200} × reg {3, 10, 30, 100} × alpha {0.5, 1, 2}
        // put the optimum at 64 factors, reg 30, alpha 2 (factors barely matter); reg {20, 30, 50} × alpha {2, 4, 8}
        // moved it along reg ≈ 6 × alpha to reg 50, alpha 8. This grid follows that ridge.
        foreach (var factors in new[] { 64, 128 })
        foreach (var regularization in new[] { 50f, 100f, 200f })
        foreach (var alpha in new[] { 8f, 16f, 32f })
        foreach (var binarize in new[] { true })
        {
            var options = new AlsOptions(factors, regularization, alpha, iterations: 15, binarizeWeights: binarize);
            yield return new TuningCandidate($"als factors={factors} reg={regularization} alpha={alpha} binarize={binarize}", () => new AlsRecommender(options));
        }
    }

    private static IEnumerable<TuningCandidate> Ease()
    {
        foreach (var lambda in new[] { 50f, 100f, 200f, 300f, 400f, 500f, 700f, 1000f, 1500f })
        {
            var options = new EaseOptions(lambda);
            yield return new TuningCandidate($"ease lambda={lambda}", () => new EaseRecommender(options));
        }
    }

    private static IEnumerable<TuningCandidate> EaseSession()
    {
        // A numpy prototype on this carve put the optimum near a 10–60 minute scale with λ 200–300 (a weaker penalty
        // than plain EASE's 500: the time weights shrink the off-diagonal co-occurrences).
        foreach (var minutes in new[] { 5f, 10f, 20f, 60f, 180f })
        foreach (var lambda in new[] { 100f, 200f, 300f, 500f })
        {
            var options = new EaseOptions(lambda, timeScaleMinutes: minutes);
            yield return new TuningCandidate($"ease-session minutes={minutes} lambda={lambda}", () => new EaseRecommender(options));
        }
    }

    private static IEnumerable<TuningCandidate> Rp3Beta()
    {
        // Pass 1 (docs/tuning.md): alpha {0.6, 0.8, 1, 1.2} × beta {0.3 … 0.7} × neighbors {100, 200, 500} put the
        // optimum at alpha 0.8, beta 0.5, 500 neighbors, on the edge of the neighbour range; this pass brackets it.
        foreach (var alpha in new[] { 0.7f, 0.8f, 0.9f })
        foreach (var beta in new[] { 0.45f, 0.5f, 0.55f })
        foreach (var neighbors in new[] { 500, 1000 })
        {
            var options = new Rp3BetaOptions(alpha, beta, neighbors);
            yield return new TuningCandidate($"rp3beta alpha={alpha} beta={beta} neighbors={neighbors}", () => new Rp3BetaRecommender(options));
        }
    }

    private static IEnumerable<TuningCandidate> MultVae()
    {
        foreach (var hidden in new[] { 200, 600 })
        foreach (var networks in new[] { 1, 3 })
        {
            var options = new MultVaeOptions(hidden: hidden, latent: 64, epochs: 20, l2: 0.003f, networks: networks);
            yield return new TuningCandidate($"multvae hidden={hidden} latent=64 networks={networks}", () => new MultVaeRecommender(options));
        }
    }

    private static IEnumerable<TuningCandidate> Content()
    {
        foreach (var dimensions in new[] { 32, 64, 128 })
        foreach (var (word, character) in new[] { (1f, 0.5f), (0f, 0f), (0.5f, 0f) })
        foreach (var recency in new[] { 0.0, 90.0 })
        {
            var options = new ContentOptions(Dimensions: dimensions, WordWeight: word, CharWeight: character, RecencyHalfLifeDays: recency);
            yield return new TuningCandidate($"content dims={dimensions} word={word} char={character} recencyDays={recency}", () => new ContentRecommender(options));
        }
    }
}
