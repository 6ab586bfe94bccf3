using Recommender.Ensemble.Data.Csv;

namespace Recommender.Ensemble.Tests.Data;

public class CsvRecordReaderTests
{
    private static List<(int Line, string? Error, string[] Fields)> ReadAll(string text)
    {
        using var reader = new CsvRecordReader(new StringReader(text));
        var records = new List<(int, string?, string[])>();
        while (reader.Read())
            records.Add((reader.LineNumber, reader.Error, Enumerable.Range(0, reader.FieldCount).Select(i => reader.Field(i).ToString()).ToArray()));
        return records;
    }

    [Fact]
    public void Splits_fields_and_unescapes_quoted_ones()
    {
        var records = ReadAll("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\n,,\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["x, y", "say \"hi\"", ""], records[1].Fields);
        Assert.Equal(["", "", ""], records[2].Fields);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Quoted_line_breaks_stay_in_the_field_and_line_numbers_count_them()
    {
        var records = ReadAll("h1,h2\r\n\"two\r\nlines\",x\r\n\r\nlast,y");

        Assert.Equal(3, records.Count);
        Assert.Equal(1, records[0].Line);
        Assert.Equal(["two\r\nlines", "x"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        // Line 4 is blank and skipped; the last record has no final line break.
        Assert.Equal(5, records[2].Line);
        Assert.Equal(["last", "y"], records[2].Fields);
    }

    [Fact]
    public void A_field_longer_than_the_read_buffer_is_read_whole()
    {
        var longText = new string('z', 200_000);

        var records = ReadAll($"a,\"{longText}\",b\nnext,1,2\n");

        Assert.Equal(["a", longText, "b"], records[0].Fields);
        Assert.Equal(["next", "1", "2"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
    }

    [Theory]
    [InlineData("ab\"c,d\nok,1\n", "double quote inside an unquoted field")]
    [InlineData("\"ab\"c,d\nok,1\n", "unexpected character 'c' after a closing quote")]
    public void Broken_quoting_flags_the_record_and_reading_resumes_on_the_next_line(string text, string expected)
    {
        var records = ReadAll(text);

        Assert.Equal(2, records.Count);
        Assert.Contains(expected, records[0].Error);
        Assert.Null(records[1].Error);
        Assert.Equal(["ok", "1"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_with_the_line_it_opened_on()
    {
        var records = ReadAll("a,b\nx,\"never closed\ny,z\n");

        Assert.Equal(2, records.Count);
        Assert.Equal("quoted field opened on line 2 is never closed", records[1].Error);
    }
}
