using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Models.Content;

/// <summary>
/// TF-IDF n-gram vectors of item texts through ML.NET's <see cref="TextFeaturizingEstimator"/>: lower-cased,
/// diacritics and punctuation dropped, numbers kept (a year or "2001" in a title is telling), optional English
/// stop-word removal. Words and characters are separate estimators so that each block is L2-normalised on its own
/// and weighted by the caller (character trigrams far outnumber words and would otherwise drown them).
/// Vectors are read back sparse, never densified.
/// </summary>
internal static class TextNgramFeaturizer
{
    private const string TextColumn = nameof(TextRow.Text);
    private const string WordColumn = "WordFeatures";
    private const string CharColumn = "CharFeatures";

    /// <summary>
    /// Word and character n-gram rows, one per text; a block is null when its weight (or, for characters, the
    /// n-gram length) turns it off.
    /// </summary>
    public static (CsrMatrix? Words, CsrMatrix? Chars) Featurize(IReadOnlyList<string> texts, ContentOptions options, CancellationToken cancellationToken)
    {
        var includeWords = options.WordWeight > 0;
        var includeChars = options.CharWeight > 0 && options.CharNgramLength > 0;
        if (texts.Count == 0 || (!includeWords && !includeChars))
            return (null, null);

        var ml = new MLContext(seed: options.Seed);
        var data = ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }));
        IEstimator<ITransformer>? pipeline = null;
        if (includeWords)
            pipeline = ml.Transforms.Text.FeaturizeText(WordColumn, WordOptions(options), TextColumn);
        if (includeChars)
        {
            var chars = ml.Transforms.Text.FeaturizeText(CharColumn, CharOptions(options), TextColumn);
            pipeline = pipeline is null ? chars : pipeline.Append(chars);
        }
        var transformed = pipeline!.Fit(data).Transform(data);

        return (includeWords ? ReadSparse(transformed, WordColumn, cancellationToken) : null,
            includeChars ? ReadSparse(transformed, CharColumn, cancellationToken) : null);
    }

    private static TextFeaturizingEstimator.Options WordOptions(ContentOptions options) => new()
    {
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = false,
        KeepPunctuations = false,
        KeepNumbers = true,
        StopWordsRemoverOptions = options.RemoveStopWords
            ? new StopWordsRemovingEstimator.Options { Language = TextFeaturizingEstimator.Language.English }
            : null,
        WordFeatureExtractor = new WordBagEstimator.Options
        {
            NgramLength = options.WordNgramLength,
            UseAllLengths = true,
            SkipLength = 0,
            MaximumNgramsCount = Enumerable.Repeat(options.MaxNgramsPerLength, options.WordNgramLength).ToArray(),
            Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
        },
        CharFeatureExtractor = null,
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    private static TextFeaturizingEstimator.Options CharOptions(ContentOptions options) => new()
    {
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = false,
        KeepPunctuations = false,
        KeepNumbers = true,
        WordFeatureExtractor = null,
        CharFeatureExtractor = new WordBagEstimator.Options
        {
            NgramLength = options.CharNgramLength,
            UseAllLengths = false,
            SkipLength = 0,
            // With UseAllLengths off ML.NET takes one cap, for the single length produced.
            MaximumNgramsCount = [options.MaxNgramsPerLength],
            Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
        },
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    private static CsrMatrix ReadSparse(IDataView view, string columnName, CancellationToken cancellationToken)
    {
        var column = view.Schema[columnName];
        var width = ((VectorDataViewType)column.Type).Size;
        var builder = new SparseRowBuilder(width);
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        while (cursor.MoveNext())
        {
            cancellationToken.ThrowIfCancellationRequested();
            getter(ref buffer);
            var values = buffer.GetValues();
            if (buffer.IsDense)
            {
                for (var i = 0; i < values.Length; i++)
                    AddFinite(builder, i, values[i]);
            }
            else
            {
                var indices = buffer.GetIndices();
                for (var i = 0; i < values.Length; i++)
                    AddFinite(builder, indices[i], values[i]);
            }
            builder.EndRow();
        }
        return builder.Build();
    }

    /// <summary>A text with no surviving token normalises 0 / 0; such entries carry no information.</summary>
    private static void AddFinite(SparseRowBuilder builder, int column, float value)
    {
        if (float.IsFinite(value))
            builder.Add(column, value);
    }

    /// <summary>The one-column input row ML.NET reads.</summary>
    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }
}
