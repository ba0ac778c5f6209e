namespace AuthFlow.Application.Common.Models;

public sealed record UserDto(Guid Id, string Username, string Email, DateTimeOffset CreatedAt, bool EmailVerified);
