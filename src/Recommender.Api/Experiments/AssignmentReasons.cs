namespace Recommender.Api.Experiments;

/// <summary>Why a user got a variant, as <see cref="Serving.ExperimentAssignment.Reason"/> and the admin API say it.</summary>
public static class AssignmentReasons
{
    public const string Percentile = "percentile";
    public const string User = "user";
    public const string Group = "group";
    public const string DefaultWhenEnabled = "default_when_enabled";
    public const string DefaultWhenDisabled = "default_when_disabled";

    /// <summary>Feature management assigned the variant without reporting why (not expected with this library version).</summary>
    public const string Unreported = "unreported";
}
