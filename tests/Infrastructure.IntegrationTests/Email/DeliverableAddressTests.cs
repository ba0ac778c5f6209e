using AuthFlow.Domain.Users;
using MimeKit;

namespace AuthFlow.Infrastructure.IntegrationTests.Email;

/// <summary>
/// Every address the registration rule accepts is one MailKit parses back to the very same address, so its
/// verification email can be sent; the addresses of issue 10 that MailKit could not parse are refused by the rule.
/// </summary>
public sealed class DeliverableAddressTests
{
    [TestCase("alice@example.com")]
    [TestCase("Alice.Smith+tag@Example.COM")]
    [TestCase("o'brien@example.ie")]
    [TestCase("a!#$%&*/=?^_`{|}~-b@example.com")]
    [TestCase("alice@b\u00FCcher.example")]
    [TestCase("j\u00F6rg@example.de")]
    [TestCase("alice@mail.sub-domain.example.org")]
    public void AnAcceptedAddress_MailKitParsesBackToTheSameAddress(string typed)
    {
        var stored = EmailAddress.Canonicalize(typed);
        Assert.That(stored, Is.Not.Null);

        var parsed = MailboxAddress.Parse(ParserOptions.Default, stored);

        // MailKit shows an IDN domain in Unicode; what it sends (IDN-encoded) is the stored address.
        Assert.That(parsed.GetAddress(idnEncode: true), Is.EqualTo(stored));
        Assert.That(parsed.Name, Is.Empty);
    }

    [TestCase("fz-[new@example.com")]
    [TestCase("fz-,new@example.com")]
    [TestCase("f,-new@example.com")]
    public void AnAddressMailKitCannotTakeAsTyped_IsRefusedByTheRule(string typed)
    {
        var mailKitKeepsIt = MailboxAddress.TryParse(ParserOptions.Default, typed, out var parsed) && parsed.Address == typed;

        Assert.That(mailKitKeepsIt, Is.False, "MailKit does not deliver to this address as typed");
        Assert.That(EmailAddress.Canonicalize(typed), Is.Null);
    }
}
