using System.Text;

namespace Recommender.Ensemble.Data.Csv;

/// <summary>Opens a CSV file of the data format: UTF-8 (a byte-order mark is allowed), read sequentially.</summary>
internal static class CsvFile
{
    public static CsvRecordReader Open(string path)
    {
        if (!File.Exists(path))
            throw new DataFormatException(path, 0, "file not found");
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 1 << 16,
            Options = FileOptions.SequentialScan,
        });
        return new CsvRecordReader(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
    }

    /// <summary>A first guess at the number of rows, so that columns rarely have to grow while loading.</summary>
    public static int EstimateRows(string path, int bytesPerRow) =>
        (int)Math.Clamp(new FileInfo(path).Length / bytesPerRow, 16, 1L << 28);

    /// <summary>How often long loops look at their cancellation token (a power of two minus one, as a mask).</summary>
    public const int CancellationCheckMask = (1 << 16) - 1;

    /// <summary>
    /// Advances <paramref name="reader"/> to the next row with the header's shape, reporting each malformed row to
    /// <paramref name="rejections"/> (which throws unless skipping was asked for), and checks cancellation every
    /// <see cref="CancellationCheckMask"/> + 1 rows. False at the end of the file.
    /// </summary>
    public static bool NextWellFormedRow(CsvRecordReader reader, CsvHeader header, RowRejections rejections, ref int rows, CancellationToken cancellationToken)
    {
        while (reader.Read())
        {
            if ((++rows & CancellationCheckMask) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var problem = header.ShapeProblem(reader);
            if (problem is null)
                return true;
            rejections.Reject(reader.LineNumber, problem);
        }
        return false;
    }
}
