using System.Buffers.Text;

namespace AuthFlow.Application.Common.Models;

/// <summary>
/// The opaque <c>cursor</c> of a keyset-paginated list: the id of the last item of the previous page, in base64url.
/// Clients pass it back unchanged; its content is not part of the contract.
/// </summary>
public static class KeysetCursor
{
    private const byte Version = 1;

    public static string Encode(Guid lastId)
    {
        Span<byte> bytes = stackalloc byte[17];
        bytes[0] = Version;
        lastId.TryWriteBytes(bytes[1..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? cursor, out Guid lastId)
    {
        lastId = Guid.Empty;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 32)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[24];
        if (!Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != 17 || bytes[0] != Version)
        {
            return false;
        }

        lastId = new Guid(bytes[1..17], bigEndian: true);
        return true;
    }

    /// <summary>The next page's cursor: the last item's, when the query found one more row than the page holds.</summary>
    public static Page<T> ToPage<T>(IReadOnlyList<T> rows, int limit, Func<T, Guid> id) =>
        rows.Count > limit
            ? new Page<T>(rows.Take(limit).ToList(), Encode(id(rows[limit - 1])))
            : new Page<T>(rows, null);
}
