using AuthFlow.Application.Admin.Common;
using AuthFlow.Domain.Audit;
using FluentValidation;

namespace AuthFlow.Application.Admin.Queries.ListAuditEvents;

public sealed class ListAuditEventsQueryValidator : AbstractValidator<ListAuditEventsQuery>
{
    public ListAuditEventsQueryValidator()
    {
        RuleFor(q => q.Actor!)
            .Must(a => a == AuditEvent.SystemActor || Guid.TryParse(a, out _))
            .WithMessage($"Actor must be a user id or '{AuditEvent.SystemActor}'.")
            .When(q => q.Actor is not null);
        RuleFor(q => q.Type!)
            .Matches("^[a-z_.]{1,40}$").WithMessage("Type must be an event type or its start, such as 'login.'.")
            .When(q => q.Type is not null);
        RuleFor(q => q.To)
            .GreaterThan(q => q.From).WithMessage("To must be later than from.")
            .When(q => q.From is not null && q.To is not null);
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).PageCursor();
    }
}
