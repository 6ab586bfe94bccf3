using System.Buffers;

namespace Recommender.Ensemble.Data.Csv;

/// <summary>
/// Streams RFC 4180 records from text: comma-separated fields, fields in double quotes may hold commas, line
/// breaks and doubled quotes (""). Records end at LF or CRLF; blank lines between records are skipped.
/// Field contents are unescaped into one buffer reused for every record, so reading allocates nothing per row;
/// a field's span is valid until the next <see cref="Read"/>.
/// A record whose quoting is broken is still returned, with <see cref="Error"/> set and the rest of its line
/// discarded, so the caller decides whether it fails the load or is skipped.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private const char Quote = '"';
    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\r\n\"");

    private readonly TextReader _reader;
    private readonly char[] _input = new char[1 << 16];
    private int _position;
    private int _length;
    private bool _endOfInput;

    private char[] _record = new char[1024];
    private int _recordLength;
    private int[] _fieldStarts = new int[16];
    private int[] _fieldLengths = new int[16];
    private int _nextLine = 1;

    public CsvRecordReader(TextReader reader) => _reader = reader;

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>1-based line on which the current record starts.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Why the current record's quoting is malformed; null when it is well formed.</summary>
    public string? Error { get; private set; }

    public ReadOnlySpan<char> Field(int index) => _record.AsSpan(_fieldStarts[index], _fieldLengths[index]);

    /// <summary>A field's value with surrounding white space removed; empty when the column is absent (index -1).</summary>
    public ReadOnlySpan<char> Value(int index) => index < 0 ? default : Field(index).Trim();

    /// <summary>Advances to the next record; false at the end of the input.</summary>
    public bool Read()
    {
        FieldCount = 0;
        _recordLength = 0;
        Error = null;
        if (!SkipBlankLines())
            return false;
        LineNumber = _nextLine;
        while (true)
        {
            var fieldStart = _recordLength;
            if (Peek() == Quote)
            {
                _position++;
                ReadQuotedContent();
            }
            else
            {
                ReadUnquotedContent();
            }
            AddField(fieldStart);
            if (Error is not null)
            {
                DiscardRestOfLine();
                return true;
            }

            var next = Peek();
            if (next == ',')
            {
                _position++;
                continue;
            }
            ConsumeLineBreak();
            return true;
        }
    }

    public void Dispose() => _reader.Dispose();

    private void ReadUnquotedContent()
    {
        while (EnsureInput())
        {
            var available = _input.AsSpan(_position, _length - _position);
            var stop = available.IndexOfAny(UnquotedStops);
            var chunk = stop < 0 ? available : available[..stop];
            Append(chunk);
            _position += chunk.Length;
            if (stop < 0)
                continue;
            if (available[stop] == Quote)
                Error = "a double quote inside an unquoted field (a field containing quotes must be quoted, with quotes doubled)";
            return;
        }
    }

    private void ReadQuotedContent()
    {
        var openedOnLine = _nextLine;
        while (true)
        {
            if (!EnsureInput())
            {
                Error = $"quoted field opened on line {openedOnLine} is never closed";
                return;
            }
            var available = _input.AsSpan(_position, _length - _position);
            var quote = available.IndexOf(Quote);
            var chunk = quote < 0 ? available : available[..quote];
            Append(chunk);
            _nextLine += chunk.Count('\n');
            _position += chunk.Length;
            if (quote < 0)
                continue;

            _position++; // the quote itself
            if (Peek() == Quote)
            {
                Append([Quote]);
                _position++;
                continue;
            }
            var after = Peek();
            if (after is not (',' or '\r' or '\n' or -1))
                Error = $"unexpected character '{(char)after}' after a closing quote";
            return;
        }
    }

    private void AddField(int start)
    {
        if (FieldCount == _fieldStarts.Length)
        {
            Array.Resize(ref _fieldStarts, FieldCount * 2);
            Array.Resize(ref _fieldLengths, FieldCount * 2);
        }
        _fieldStarts[FieldCount] = start;
        _fieldLengths[FieldCount] = _recordLength - start;
        FieldCount++;
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_recordLength + chars.Length > _record.Length)
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + chars.Length));
        chars.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += chars.Length;
    }

    private bool SkipBlankLines()
    {
        while (true)
        {
            var next = Peek();
            if (next == -1)
                return false;
            if (next is not ('\r' or '\n'))
                return true;
            ConsumeLineBreak();
        }
    }

    /// <summary>Consumes LF, CRLF or a lone CR (counted as one line break) if one is next.</summary>
    private void ConsumeLineBreak()
    {
        var next = Peek();
        if (next == '\r')
        {
            _position++;
            if (Peek() == '\n')
                _position++;
            _nextLine++;
        }
        else if (next == '\n')
        {
            _position++;
            _nextLine++;
        }
    }

    private void DiscardRestOfLine()
    {
        while (EnsureInput())
        {
            var available = _input.AsSpan(_position, _length - _position);
            var newline = available.IndexOf('\n');
            if (newline >= 0)
            {
                _position += newline + 1;
                _nextLine++;
                return;
            }
            _position = _length;
        }
    }

    private int Peek() => EnsureInput() ? _input[_position] : -1;

    private bool EnsureInput()
    {
        if (_position < _length)
            return true;
        if (_endOfInput)
            return false;
        _length = _reader.Read(_input, 0, _input.Length);
        _position = 0;
        if (_length == 0)
            _endOfInput = true;
        return _length > 0;
    }
}
