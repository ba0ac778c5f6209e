using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Audit;

/// <summary>The audit trail's settings.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Days an audit event is kept; the retention purge deletes older ones (the only deletion the trigger allows).</summary>
    [Range(1, 36500)]
    public int RetentionDays { get; set; } = 365;

    /// <summary>
    /// Records events. On by default; off only to measure what auditing costs (<c>build/bench-audit.sh</c>). A service
    /// that runs with it off keeps no trail.
    /// </summary>
    public bool Enabled { get; set; } = true;
}

[OptionsValidator]
internal sealed partial class AuditOptionsValidator : IValidateOptions<AuditOptions>;
