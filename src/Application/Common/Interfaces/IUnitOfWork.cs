namespace AuthFlow.Application.Common.Interfaces;

/// <summary>Commits every tracked change of the current request in one transaction.</summary>
public interface IUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="SaveChangesAsync"/>, but a row changed by someone else since it was read (a concurrency token)
    /// makes it store nothing and return false instead of throwing.
    /// </summary>
    Task<bool> TrySaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opens one transaction for several saves and repository statements (session revocations join it): all of them
    /// commit together with <see cref="IUnitOfWorkTransaction.CommitAsync"/>, or none does when it is disposed first.
    /// </summary>
    Task<IUnitOfWorkTransaction> BeginTransactionAsync(CancellationToken cancellationToken);
}

public interface IUnitOfWorkTransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}
