namespace AuthFlow.Application.Common.Interfaces;

/// <summary>Commits every tracked change of the current request in one transaction.</summary>
public interface IUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
