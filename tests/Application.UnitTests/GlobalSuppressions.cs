using System.Diagnostics.CodeAnalysis;

// Expected values in assertions are written inline where they are read; each test runs them once.
[assembly: SuppressMessage("Performance", "CA1861:Avoid constant arrays as arguments", Justification = "Inline expected values in test assertions.")]
