namespace Retrain.Engine.Evaluation;

/// <summary>
/// Compensated (Kahan–Babuška–Neumaier) summation, so sums over millions of rows stay within a few ulps
/// of numpy's pairwise sums. Hand-written: MathNet.Numerics has no accumulating compensated sum.
/// </summary>
internal struct NeumaierSum
{
    private double _sum;
    private double _compensation;

    public void Add(double value)
    {
        var t = _sum + value;
        if (Math.Abs(_sum) >= Math.Abs(value))
            _compensation += (_sum - t) + value;
        else
            _compensation += (value - t) + _sum;
        _sum = t;
    }

    public readonly double Total => _sum + _compensation;
}
