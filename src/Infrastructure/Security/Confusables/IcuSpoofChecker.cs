using System.Globalization;
using System.Runtime.InteropServices;
using AuthFlow.Application.Common.Interfaces;

namespace AuthFlow.Infrastructure.Security.Confusables;

/// <summary>
/// UTS #39 through ICU's spoof checker (<c>uspoof_*</c> in <c>libicui18n</c>), the ICU that .NET's own globalization
/// uses on Linux. No NuGet package serves UTS #39, so the C API is called through function pointers, found the way .NET
/// finds ICU: the newest <c>libicui18n.so.NN</c> that loads, its exports named with the <c>_NN</c> suffix (or without
/// one, for an ICU built without renaming). <c>CLR_ICU_VERSION_OVERRIDE</c> (as .NET reads it) picks a version.
/// One checker serves the process (<see cref="Installed"/>) and every thread: ICU allows concurrent checks and
/// skeletons on a checker nobody modifies. It is never closed: it lives as long as the process.
/// </summary>
internal sealed unsafe class IcuSpoofChecker : IConfusableSkeleton
{
    /// <summary>The versions probed, newest first (ICU 50 is from 2012; 99 leaves room for the years ahead).</summary>
    private const int NewestVersion = 99;
    private const int OldestVersion = 50;

    private const int BufferOverflowError = 15; // U_BUFFER_OVERFLOW_ERROR
    private const int RestrictionLevelCheck = 16; // USPOOF_RESTRICTION_LEVEL
    private const int HighlyRestrictive = 0x30000000; // USPOOF_HIGHLY_RESTRICTIVE

    private static readonly Lazy<(IcuSpoofChecker? Checker, string Reason)> Loaded =
        new(() => (TryCreate(out var reason), reason), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly IntPtr _checker;
    private readonly delegate* unmanaged<IntPtr, uint, char*, int, char*, int, int*, int> _getSkeleton;
    private readonly delegate* unmanaged<IntPtr, char*, int, IntPtr, int*, int> _check2;

    private IcuSpoofChecker(IntPtr library, string suffix, string description)
    {
        Description = description;
        var open = (delegate* unmanaged<int*, IntPtr>)Export(library, "uspoof_open", suffix);
        var setChecks = (delegate* unmanaged<IntPtr, int, int*, void>)Export(library, "uspoof_setChecks", suffix);
        var setRestrictionLevel = (delegate* unmanaged<IntPtr, int, void>)Export(library, "uspoof_setRestrictionLevel", suffix);
        _getSkeleton = (delegate* unmanaged<IntPtr, uint, char*, int, char*, int, int*, int>)Export(library, "uspoof_getSkeleton", suffix);
        _check2 = (delegate* unmanaged<IntPtr, char*, int, IntPtr, int*, int>)Export(library, "uspoof_check2", suffix);

        var status = 0;
        _checker = open(&status);
        ThrowOnError(status, "uspoof_open");
        // Only the restriction level is checked (skeletons need no check): "Highly Restrictive", ICU's default, set
        // explicitly so that the rule does not depend on it.
        setChecks(_checker, RestrictionLevelCheck, &status);
        ThrowOnError(status, "uspoof_setChecks");
        setRestrictionLevel(_checker, HighlyRestrictive);
    }

    /// <summary>Which library and version was loaded, for the start-up log.</summary>
    public string Description { get; }

    /// <summary>The process's checker, loaded on first use; null, with the reason, when ICU is not installed.</summary>
    public static (IcuSpoofChecker? Checker, string Reason) Installed => Loaded.Value;

    /// <summary>The spoof checker of the newest ICU installed; null, with the reason, when there is none.</summary>
    private static IcuSpoofChecker? TryCreate(out string reason)
    {
        foreach (var version in CandidateVersions())
        {
            var name = $"libicui18n.so.{version}";
            if (!NativeLibrary.TryLoad(name, out var library))
            {
                continue;
            }

            foreach (var suffix in new[] { $"_{version}", "" })
            {
                if (NativeLibrary.TryGetExport(library, "uspoof_open" + suffix, out _))
                {
                    reason = "";
                    return new IcuSpoofChecker(library, suffix, $"{name} (ICU {version})");
                }
            }

            NativeLibrary.Free(library);
        }

        reason = $"no libicui18n.so.NN with uspoof_open (NN from {NewestVersion} down to {OldestVersion}) could be loaded; install ICU (Debian: libicu72 or newer)";
        return null;
    }

    public string Skeleton(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        // A skeleton is rarely longer than its text; a character can map to up to 18 (U+FDFA), hence the retry.
        Span<char> stackBuffer = stackalloc char[Math.Min(text.Length * 2 + 16, 512)];
        var length = GetSkeleton(text, stackBuffer, out var status);
        if (status == BufferOverflowError)
        {
            var heapBuffer = new char[length];
            length = GetSkeleton(text, heapBuffer, out status);
            ThrowOnError(status, "uspoof_getSkeleton");
            return new string(heapBuffer, 0, length);
        }

        ThrowOnError(status, "uspoof_getSkeleton");
        return new string(stackBuffer[..length]);
    }

    public bool IsHighlyRestrictive(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var status = 0;
        int failed;
        fixed (char* input = text)
        {
            failed = _check2(_checker, input, text.Length, IntPtr.Zero, &status);
        }

        ThrowOnError(status, "uspoof_check2");
        return (failed & RestrictionLevelCheck) == 0;
    }

    private int GetSkeleton(string text, Span<char> destination, out int status)
    {
        var code = 0;
        int length;
        fixed (char* input = text)
        fixed (char* output = destination)
        {
            length = _getSkeleton(_checker, 0, input, text.Length, output, destination.Length, &code);
        }

        status = code;
        return length;
    }

    private static IEnumerable<int> CandidateVersions()
    {
        // "72" or "72.1" (.NET's own override of the ICU version it loads).
        var overrideVersion = Environment.GetEnvironmentVariable("CLR_ICU_VERSION_OVERRIDE");
        if (overrideVersion is not null
            && int.TryParse(overrideVersion.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            yield return major;
        }

        for (var version = NewestVersion; version >= OldestVersion; version--)
        {
            yield return version;
        }
    }

    private static IntPtr Export(IntPtr library, string name, string suffix) =>
        NativeLibrary.TryGetExport(library, name + suffix, out var address)
            ? address
            : throw new InvalidOperationException($"ICU's {name}{suffix} is missing from the loaded libicui18n.");

    private static void ThrowOnError(int status, string function)
    {
        // ICU's warnings are negative; errors positive.
        if (status > 0)
        {
            throw new InvalidOperationException($"ICU's {function} failed with UErrorCode {status}.");
        }
    }
}
