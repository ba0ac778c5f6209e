using AuthFlow.Application.Common.Models;
using FluentValidation;

namespace AuthFlow.Application.Admin.Common;

/// <summary>The <c>limit</c> and <c>cursor</c> of every keyset-paginated list.</summary>
public static class PagingRules
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static IRuleBuilderOptions<T, int?> PageLimit<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, MaxLimit).WithMessage($"Limit must be between 1 and {MaxLimit}.");

    public static IRuleBuilderOptions<T, string?> PageCursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || KeysetCursor.TryDecode(c, out _)).WithMessage("Cursor is not one this API returned.");

    public static Guid? After(string? cursor) => KeysetCursor.TryDecode(cursor, out var id) ? id : null;
}
