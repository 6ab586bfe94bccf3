using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Registry;

/// <summary>Saves and restores the training matrix (CSR + id maps) every model version carries for its "seen" lists.</summary>
internal static class InteractionMatrixArtifacts
{
    public static void Write(ArtifactWriter writer, InteractionMatrix matrix)
    {
        writer.WriteStrings("interactions.users", matrix.Users.Ids);
        writer.WriteStrings("interactions.items", matrix.Items.Ids);
        writer.WriteInts("interactions.row_pointers", matrix.ByUser.RowPointers);
        writer.WriteInts("interactions.columns", matrix.ByUser.ColumnIndices);
        writer.WriteFloats("interactions.values", matrix.ByUser.Values);
    }

    public static InteractionMatrix Read(ArtifactReader reader)
    {
        var users = IdMap.FromIds(reader.ReadStrings("interactions.users"));
        var items = IdMap.FromIds(reader.ReadStrings("interactions.items"));
        var pointers = reader.ReadInts("interactions.row_pointers");
        var columns = reader.ReadInts("interactions.columns");
        var values = reader.ReadFloats("interactions.values");
        var path = Path.Combine(reader.DirectoryPath, "interactions.row_pointers.tensor");
        if (pointers.Length != users.Count + 1 || columns.Length != values.Length || pointers[^1] != values.Length)
            throw new ModelArtifactException(path, "interaction matrix shapes are inconsistent");
        foreach (var c in columns)
        {
            if ((uint)c >= (uint)items.Count)
                throw new ModelArtifactException(path, $"item index {c} out of range");
        }
        return new InteractionMatrix(users, items, new CsrMatrix(users.Count, items.Count, pointers, columns, values));
    }
}
