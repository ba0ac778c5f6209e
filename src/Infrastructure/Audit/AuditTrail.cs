using System.Text.Json;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AuthFlow.Infrastructure.Audit;

/// <summary>Reads <c>audit_events</c> newest first, by id (a UUIDv7, so by time), a page after a keyset cursor.</summary>
internal sealed class AuditTrail(AuthFlowDbContext db) : IAuditTrail
{
    public async Task<IReadOnlyList<AuditEventDto>> SearchAsync(AuditSearch search, CancellationToken cancellationToken)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (search.SubjectUserId is { } subject)
        {
            events = events.Where(e => e.SubjectUserId == subject);
        }

        if (search.Actor is { } actor)
        {
            events = events.Where(e => e.Actor == actor);
        }

        if (search.TypePrefix is { } prefix)
        {
            // The validator allows only [a-z_.]: '_' is the one LIKE wildcard to escape.
            var pattern = prefix.Replace("_", "\\_", StringComparison.Ordinal) + "%";
            events = events.Where(e => EF.Functions.Like(e.Type, pattern));
        }

        if (search.Types is { } types)
        {
            events = events.Where(e => types.Contains(e.Type));
        }

        if (search.From is { } from)
        {
            events = events.Where(e => e.OccurredAt >= from);
        }

        if (search.To is { } to)
        {
            events = events.Where(e => e.OccurredAt < to);
        }

        if (search.Before is { } before)
        {
            events = events.Where(e => e.Id.CompareTo(before) < 0);
        }

        var rows = await events.OrderByDescending(e => e.Id).Take(search.Limit + 1).ToListAsync(cancellationToken);
        return rows.Select(e => new AuditEventDto(
            e.Id, e.OccurredAt, e.Type, e.Actor, e.SubjectUserId, e.IpAddress, e.UserAgent, e.TraceId, e.Outcome.ToString().ToLowerInvariant(),
            e.Details is null ? null : JsonSerializer.Deserialize<JsonElement>(e.Details))).ToList();
    }
}
