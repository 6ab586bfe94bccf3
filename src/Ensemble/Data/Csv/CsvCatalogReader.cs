namespace Recommender.Ensemble.Data.Csv;

/// <summary>
/// Reads items.csv: item_id and title are required columns; categories, tags, price, in_stock, age_rating,
/// regions and created_at may be absent or empty.
/// </summary>
internal static class CsvCatalogReader
{
    public const string ItemId = "item_id";
    public const string Title = "title";
    public const string Categories = "categories";
    public const string Tags = "tags";
    public const string Price = "price";
    public const string InStock = "in_stock";
    public const string AgeRating = "age_rating";
    public const string Regions = "regions";
    public const string CreatedAt = "created_at";

    private static readonly string[] RequiredColumns = [ItemId, Title];

    public static Catalog Read(string path, RowRejections rejections, CancellationToken cancellationToken)
    {
        using var reader = CsvFile.Open(path);
        var header = CsvHeader.Read(reader, path, RequiredColumns);
        var idColumn = header.Required(ItemId);
        var titleColumn = header.Required(Title);
        var categoriesColumn = header.Optional(Categories);
        var tagsColumn = header.Optional(Tags);
        var priceColumn = header.Optional(Price);
        var inStockColumn = header.Optional(InStock);
        var ageRatingColumn = header.Optional(AgeRating);
        var regionsColumn = header.Optional(Regions);
        var createdColumn = header.Optional(CreatedAt);

        var pool = new StringPool();
        var items = new List<CatalogItem>(CsvFile.EstimateRows(path, 64));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var seenBySpan = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        var rows = 0;
        while (CsvFile.NextWellFormedRow(reader, header, rejections, ref rows, cancellationToken))
        {
            string? problem = null;

            var id = reader.Value(idColumn);
            var priceText = reader.Value(priceColumn);
            var inStockText = reader.Value(inStockColumn);
            var createdText = reader.Value(createdColumn);
            decimal price = 0;
            var inStock = true;
            var created = default(DateTimeOffset);
            if (id.IsEmpty)
                problem = $"column '{ItemId}' is empty";
            else if (seenBySpan.Contains(id))
                problem = CsvValues.Invalid(ItemId, id, "repeats an item id of an earlier row");
            else if (!priceText.IsEmpty && !CsvValues.TryParsePrice(priceText, out price))
                problem = CsvValues.Invalid(Price, priceText, "is not a non-negative decimal like 12.50");
            else if (!inStockText.IsEmpty && !CsvValues.TryParseBool(inStockText, out inStock))
                problem = CsvValues.Invalid(InStock, inStockText, "is not true, false, 1 or 0");
            else if (!createdText.IsEmpty && !CsvValues.TryParseDate(createdText, out created))
                problem = CsvValues.Invalid(CreatedAt, createdText, "is not an ISO-8601 date/time");
            if (problem is not null)
            {
                rejections.Reject(reader.LineNumber, problem);
                continue;
            }

            var itemId = id.ToString();
            seen.Add(itemId);
            var ageRating = reader.Value(ageRatingColumn);
            items.Add(new CatalogItem(
                itemId,
                reader.Value(titleColumn).ToString(),
                CsvValues.SplitList(reader.Value(categoriesColumn), pool),
                CsvValues.SplitList(reader.Value(tagsColumn), pool),
                priceText.IsEmpty ? null : price,
                inStock,
                ageRating.IsEmpty ? null : pool.Get(ageRating),
                CsvValues.SplitList(reader.Value(regionsColumn), pool),
                createdText.IsEmpty ? null : created));
        }
        return new Catalog(items);
    }
}
