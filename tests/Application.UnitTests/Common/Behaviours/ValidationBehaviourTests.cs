using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Common.Behaviours;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using FluentValidation;

namespace AuthFlow.Application.UnitTests.Common.Behaviours;

[TestFixture]
public sealed class ValidationBehaviourTests
{
    private static readonly LoginResult HandlerResult = new(
        new UserDto(Guid.CreateVersion7(), "alice", "alice@example.com", TestData.Now, EmailVerified: false),
        new TokenPair("access", "refresh", 900));

    [Test]
    public async Task Handle_WithInvalidMessage_ReturnsValidationFailed()
    {
        var result = await CreateBehaviour().Handle(new LoginCommand(string.Empty, string.Empty), Handler(), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.False);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Error!.Code, Is.EqualTo("validation_failed"));
            Assert.That(result.Error.Kind, Is.EqualTo(ErrorKind.Validation));
        }
    }

    [Test]
    public async Task Handle_WithInvalidMessage_KeysFieldErrorsByCamelCaseName()
    {
        var result = await CreateBehaviour().Handle(new LoginCommand(string.Empty, string.Empty), Handler(), CancellationToken.None);

        Assert.That(result.Error?.FieldErrors, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Error!.FieldErrors!.Keys, Is.EquivalentTo(new[] { "email", "password" }));
            Assert.That(result.Error.FieldErrors["email"], Is.EqualTo(new[] { "Email is required." }));
            Assert.That(result.Error.FieldErrors["password"], Is.EqualTo(new[] { "Password is required." }));
        }
    }

    [Test]
    public async Task Handle_WithOneInvalidField_ReportsOnlyThatField()
    {
        var result = await CreateBehaviour().Handle(new LoginCommand("alice@example.com", string.Empty), Handler(), CancellationToken.None);

        Assert.That(result.Error?.FieldErrors?.Keys, Is.EquivalentTo(new[] { "password" }));
    }

    [Test]
    public async Task Handle_WithInvalidMessage_DoesNotCallTheHandler()
    {
        var calls = 0;

        await CreateBehaviour().Handle(new LoginCommand(string.Empty, string.Empty), Handler(() => calls++), CancellationToken.None);

        Assert.That(calls, Is.Zero);
    }

    [Test]
    public async Task Handle_WithValidMessage_CallsTheHandlerOnceWithTheMessage()
    {
        var message = new LoginCommand("alice@example.com", TestData.Password);
        var received = new List<LoginCommand>();

        await CreateBehaviour().Handle(message, (m, _) => { received.Add(m); return ValueTask.FromResult<Result<LoginResult>>(HandlerResult); }, CancellationToken.None);

        Assert.That(received, Is.EqualTo(new[] { message }));
    }

    [Test]
    public async Task Handle_WithValidMessage_ReturnsTheHandlersResult()
    {
        var result = await CreateBehaviour().Handle(new LoginCommand("alice@example.com", TestData.Password), Handler(), CancellationToken.None);

        Assert.That(result.Value, Is.SameAs(HandlerResult));
    }

    [Test]
    public async Task Handle_WithoutValidators_CallsTheHandler()
    {
        var calls = 0;
        var behaviour = new ValidationBehaviour<LoginCommand, Result<LoginResult>>([]);

        await behaviour.Handle(new LoginCommand(string.Empty, string.Empty), Handler(() => calls++), CancellationToken.None);

        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Handle_WithSeveralValidators_MergesTheirFailures()
    {
        var behaviour = new ValidationBehaviour<LoginCommand, Result<LoginResult>>(
            [new LoginCommandValidator(), new DomainOnlyEmailValidator()]);

        var result = await behaviour.Handle(new LoginCommand("alice@other.org", string.Empty), Handler(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Error?.FieldErrors?["email"], Is.EqualTo(new[] { "Only example.com may sign in." }));
            Assert.That(result.Error?.FieldErrors?["password"], Is.EqualTo(new[] { "Password is required." }));
        }
    }

    [Test]
    public async Task Handle_WithTheSameMessageFromTwoValidators_ListsItOnce()
    {
        var behaviour = new ValidationBehaviour<LoginCommand, Result<LoginResult>>(
            [new LoginCommandValidator(), new LoginCommandValidator()]);

        var result = await behaviour.Handle(new LoginCommand(string.Empty, TestData.Password), Handler(), CancellationToken.None);

        Assert.That(result.Error?.FieldErrors?["email"], Is.EqualTo(new[] { "Email is required." }));
    }

    [Test]
    public async Task Handle_WithNestedPropertyPath_CamelCasesEverySegment()
    {
        var behaviour = new ValidationBehaviour<LoginCommand, Result<LoginResult>>([new NestedPathValidator()]);

        var result = await behaviour.Handle(new LoginCommand("alice@example.com", TestData.Password), Handler(), CancellationToken.None);

        Assert.That(result.Error?.FieldErrors?.Keys, Is.EquivalentTo(new[] { "credentials.emailAddress" }));
    }

    private static ValidationBehaviour<LoginCommand, Result<LoginResult>> CreateBehaviour() =>
        new(new[] { new LoginCommandValidator() });

    private static Mediator.MessageHandlerDelegate<LoginCommand, Result<LoginResult>> Handler(Action? onCall = null) =>
        (message, cancellationToken) =>
        {
            onCall?.Invoke();
            return ValueTask.FromResult<Result<LoginResult>>(HandlerResult);
        };

    private sealed class DomainOnlyEmailValidator : AbstractValidator<LoginCommand>
    {
        public DomainOnlyEmailValidator() =>
            RuleFor(c => c.Email).Must(e => e.EndsWith("@example.com", StringComparison.Ordinal)).WithMessage("Only example.com may sign in.");
    }

    private sealed class NestedPathValidator : AbstractValidator<LoginCommand>
    {
        public NestedPathValidator() =>
            RuleFor(c => c.Email).Must(_ => false).WithMessage("Always wrong.").OverridePropertyName("Credentials.EmailAddress");
    }
}
