using System.Collections.Immutable;

namespace Recommender.Api.Serving;

/// <summary>Every loaded version of one model; requests that pin none get <see cref="Latest"/>.</summary>
public sealed record ModelVersions(LoadedModel Latest, ImmutableDictionary<string, LoadedModel> ByVersion)
{
    public static ModelVersions Of(LoadedModel model) =>
        new(model, ImmutableDictionary<string, LoadedModel>.Empty.WithComparers(StringComparer.Ordinal).Add(model.Version, model));

    /// <summary>Adds a version; the highest version number becomes the latest.</summary>
    public ModelVersions With(LoadedModel model)
    {
        var byVersion = ByVersion.SetItem(model.Version, model);
        var latest = VersionNumber(model.Version) >= VersionNumber(Latest.Version) ? model : Latest;
        return new ModelVersions(latest, byVersion);
    }

    internal static long VersionNumber(string version) =>
        long.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
}
