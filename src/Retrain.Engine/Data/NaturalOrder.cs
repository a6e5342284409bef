namespace Retrain.Engine.Data;

/// <summary>
/// Orders text with digit runs compared as numbers (ENG-2 before ENG-10, unit 9 before unit 10), the rest
/// ordinally: equipment ids sort as people number them, and ids like ENG-n sort as the numbers n do.
/// </summary>
internal sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int si = i, sj = j;
                while (si < x.Length && x[si] == '0') si++;
                while (sj < y.Length && y[sj] == '0') sj++;
                int ei = si, ej = sj;
                while (ei < x.Length && char.IsAsciiDigit(x[ei])) ei++;
                while (ej < y.Length && char.IsAsciiDigit(y[ej])) ej++;
                // More significant digits is larger; equal lengths compare digit by digit.
                int c = (ei - si).CompareTo(ej - sj);
                if (c == 0)
                    c = x.AsSpan(si, ei - si).SequenceCompareTo(y.AsSpan(sj, ej - sj));
                if (c != 0)
                    return c;
                i = ei;
                j = ej;
                continue;
            }
            if (x[i] != y[j])
                return x[i].CompareTo(y[j]);
            i++;
            j++;
        }
        int rest = (x.Length - i).CompareTo(y.Length - j);
        // Equal under the rule ("007" and "7"): fall back to ordinal so the order is total.
        return rest != 0 ? rest : string.CompareOrdinal(x, y);
    }
}
