#include "engine/nn/loss.h"

#include "engine/core/setting_error.h"

#include <cmath>
#include <string>

namespace lstmlab {

namespace {
constexpr double huber_delta = 1.0;
}

std::string_view loss_name(LossKind kind)
{
    switch (kind) {
    case LossKind::mse: return "mse";
    case LossKind::mae: return "mae";
    case LossKind::huber: return "huber";
    }
    return "mse";
}

LossKind parse_loss(std::string_view text)
{
    if (text == "mse")
        return LossKind::mse;
    if (text == "mae")
        return LossKind::mae;
    if (text == "huber")
        return LossKind::huber;
    throw SettingError({SettingRef{"loss"}, ": \"" + std::string(text) + "\" is not a loss (use mse, mae or huber)"});
}

template <typename Scalar>
double compute_loss(LossKind kind, const ConstSeqRef<Scalar>& predictions, const ConstSeqRef<Scalar>& targets,
                    SeqMap<Scalar>* gradient)
{
    const Eigen::Index rows = predictions.rows();
    const Eigen::Index cols = predictions.cols();
    const double n = static_cast<double>(rows * cols);
    double total = 0.0;
    for (Eigen::Index c = 0; c < cols; ++c) {
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double d = static_cast<double>(predictions(r, c)) - static_cast<double>(targets(r, c));
            double g = 0.0;
            switch (kind) {
            case LossKind::mse:
                total += d * d;
                g = 2.0 * d;
                break;
            case LossKind::mae:
                total += std::abs(d);
                g = d > 0 ? 1.0 : (d < 0 ? -1.0 : 0.0);
                break;
            case LossKind::huber:
                if (std::abs(d) < huber_delta) {
                    total += 0.5 * d * d;
                    g = d;
                } else {
                    total += huber_delta * (std::abs(d) - 0.5 * huber_delta);
                    g = d > 0 ? huber_delta : -huber_delta;
                }
                break;
            }
            if (gradient)
                (*gradient)(r, c) = static_cast<Scalar>(g / n);
        }
    }
    return total / n;
}

template double compute_loss<float>(LossKind, const ConstSeqRef<float>&, const ConstSeqRef<float>&, SeqMap<float>*);
template double compute_loss<double>(LossKind, const ConstSeqRef<double>&, const ConstSeqRef<double>&,
                                     SeqMap<double>*);

} // namespace lstmlab
