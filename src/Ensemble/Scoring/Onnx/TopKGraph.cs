namespace Recommender.Ensemble.Scoring.Onnx;

/// <summary>
/// Writes the ONNX model that scores a batch of queries against an item matrix and keeps the top K:
/// <code>
/// queries [B, D] ──MatMul── items_t [D, N] (initializer: the item matrix, transposed) ──► scores_all [B, N]
/// scores_all, k [1] ──TopK(axis = 1, largest, sorted)──► scores [B, K], indices [B, K] (int64)
/// </code>
/// Opset 17, IR version 8. K is an input so that one session serves any k (and k + |exclusions|). ONNX TopK puts the
/// lower index first among equal values, the same tie rule as the CPU scorers. Field numbers are those of onnx.proto.
/// </summary>
internal static class TopKGraph
{
    public const string QueriesInput = "queries";
    public const string KInput = "k";
    public const string ScoresOutput = "scores";
    public const string IndicesOutput = "indices";
    public const int OpsetVersion = 17;
    public const int IrVersion = 8;

    private const string ItemsInitializer = "items_t";
    private const string AllScores = "scores_all";

    // onnx.proto TensorProto.DataType
    private const int FloatType = 1;
    private const int Int64Type = 7;

    // onnx.proto AttributeProto.AttributeType
    private const int IntAttributeType = 2;

    /// <summary>The serialised model for a row-major items × dimension matrix.</summary>
    public static byte[] Build(ReadOnlySpan<float> rowMajor, int itemCount, int dimension)
    {
        EmbeddingMatrixShape.Validate(rowMajor, itemCount, dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(itemCount);
        var transposed = new float[rowMajor.Length];
        for (var item = 0; item < itemCount; item++)
        {
            var row = rowMajor.Slice(item * dimension, dimension);
            for (var d = 0; d < dimension; d++)
                transposed[(long)d * itemCount + item] = row[d];
        }

        var items = new ProtoMessage()                          // TensorProto
            .Varint(1, dimension).Varint(1, itemCount)           // dims
            .Varint(2, FloatType)                                // data_type
            .String(8, ItemsInitializer)                         // name
            .FloatBytes(9, transposed);                          // raw_data

        var matMul = Node("MatMul", "score", [QueriesInput, ItemsInitializer], [AllScores]);
        var topK = Node("TopK", "top_k", [AllScores, KInput], [ScoresOutput, IndicesOutput])
            .Message(5, IntegerAttribute("axis", 1))
            .Message(5, IntegerAttribute("largest", 1))
            .Message(5, IntegerAttribute("sorted", 1));

        var graph = new ProtoMessage()                           // GraphProto
            .Message(1, matMul).Message(1, topK)                 // node
            .String(2, "embedding_top_k")                        // name
            .Message(5, items)                                   // initializer
            .Message(11, Value(QueriesInput, FloatType, Dim("batch"), Dim(dimension)))  // input
            .Message(11, Value(KInput, Int64Type, Dim(1)))
            .Message(12, Value(ScoresOutput, FloatType, Dim("batch"), Dim("top")))      // output
            .Message(12, Value(IndicesOutput, Int64Type, Dim("batch"), Dim("top")));

        return new ProtoMessage()                                // ModelProto
            .Varint(1, IrVersion)                                // ir_version
            .String(2, "Recommender.Ensemble")                   // producer_name
            .Message(7, graph)                                   // graph
            .Message(8, new ProtoMessage().String(1, "").Varint(2, OpsetVersion)) // opset_import (default domain)
            .ToArray();
    }

    private static ProtoMessage Node(string opType, string name, string[] inputs, string[] outputs)
    {
        var node = new ProtoMessage();                           // NodeProto
        foreach (var input in inputs)
            node.String(1, input);
        foreach (var output in outputs)
            node.String(2, output);
        return node.String(3, name).String(4, opType);
    }

    private static ProtoMessage IntegerAttribute(string name, long value) =>
        new ProtoMessage().String(1, name).Varint(3, value).Varint(20, IntAttributeType); // AttributeProto: name, i, type

    /// <summary>ValueInfoProto { name, type: TypeProto { tensor_type: { elem_type, shape } } }.</summary>
    private static ProtoMessage Value(string name, int elementType, params ProtoMessage[] dims)
    {
        var shape = new ProtoMessage();                          // TensorShapeProto
        foreach (var dim in dims)
            shape.Message(1, dim);
        var tensorType = new ProtoMessage().Varint(1, elementType).Message(2, shape);
        return new ProtoMessage().String(1, name).Message(2, new ProtoMessage().Message(1, tensorType));
    }

    private static ProtoMessage Dim(long value) => new ProtoMessage().Varint(1, value);    // dim_value

    private static ProtoMessage Dim(string symbol) => new ProtoMessage().String(2, symbol); // dim_param
}
