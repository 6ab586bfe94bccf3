using Recommender.Ensemble.Scoring.Onnx;

namespace Recommender.Ensemble.Tests.Scoring;

public class TopKGraphTests
{
    [Theory]
    [InlineData(0ul, new byte[] { 0x00 })]
    [InlineData(1ul, new byte[] { 0x01 })]
    [InlineData(127ul, new byte[] { 0x7F })]
    [InlineData(128ul, new byte[] { 0x80, 0x01 })]
    [InlineData(300ul, new byte[] { 0xAC, 0x02 })]
    public void Varints_use_seven_bits_per_byte_low_group_first(ulong value, byte[] expected)
    {
        var buffer = new byte[10];

        var written = ProtoMessage.WriteVarint(buffer, value);

        Assert.Equal(expected, buffer[..written]);
        Assert.Equal(expected.Length, ProtoMessage.VarintLength(value));
    }

    [Fact]
    public void Messages_serialise_tags_lengths_and_nested_fields()
    {
        // Field 1 varint 150 → 08 96 01; field 2 string "hi" → 12 02 68 69;
        // field 3 message { field 1 varint 1 } → 1A 02 08 01; field 4 floats [1] → 22 04 00 00 80 3F.
        var bytes = new ProtoMessage()
            .Varint(1, 150)
            .String(2, "hi")
            .Message(3, new ProtoMessage().Varint(1, 1))
            .FloatBytes(4, [1f])
            .ToArray();

        Assert.Equal(new byte[] { 0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69, 0x1A, 0x02, 0x08, 0x01, 0x22, 0x04, 0x00, 0x00, 0x80, 0x3F }, bytes);
    }

    [Fact]
    public void The_model_carries_the_transposed_items_as_raw_little_endian_floats()
    {
        // Items (1, 2) and (3, 4) transpose to [[1, 3], [2, 4]]: raw_data (field 9) holds 1, 3, 2, 4.
        var model = TopKGraph.Build([1f, 2f, 3f, 4f], 2, 2);
        byte[] raw = [0x4A, 16, .. BitConverter.GetBytes(1f), .. BitConverter.GetBytes(3f), .. BitConverter.GetBytes(2f), .. BitConverter.GetBytes(4f)];

        Assert.True(model.AsSpan().IndexOf(raw) > 0);
        Assert.Equal(new byte[] { 0x08, TopKGraph.IrVersion }, model[..2]); // ir_version comes first
    }
}
