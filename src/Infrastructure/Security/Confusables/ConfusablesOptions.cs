namespace AuthFlow.Infrastructure.Security.Confusables;

public sealed class ConfusablesOptions
{
    public const string SectionName = "Confusables";

    /// <summary>
    /// Whether the start fails when ICU's spoof checker cannot be loaded (the default). Set to false only where ICU
    /// cannot be installed: look-alike emails are then told apart by NFKC and case folding alone, and mixed scripts in
    /// usernames by Unicode blocks.
    /// </summary>
    public bool RequireIcu { get; set; } = true;
}
