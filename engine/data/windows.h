// Windows and the chronological split (DESIGN.md "Data pipeline", steps 4 and 6; R12).
//
// A window is named by its end row t: it reads feature rows t-T+1 .. t and predicts the target at
// rows t+1 .. t+H (T = sequence_length, H = horizon). Over n rows whose first usable row is f
// (1 after a diff/return/logreturn transform, else 0) the windows are t = t_min .. t_max with
//   t_min = f + T - 1,   t_max = n - 1 - H,   N = t_max - t_min + 1.
// The split is by the time of each window's target: in time order, the first floor(N * train)
// windows are training, the next floor(N * validation) validation, the rest test. A window whose
// targets t+1 .. t+H reach the first target row of the next split straddles the boundary and is
// dropped (H - 1 windows before each boundary), so no target range crosses a split. Each split is
// then one run of consecutive end rows: t = first_end .. first_end + count - 1.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace lstmlab {

enum class Split { Train = 0, Validation = 1, Test = 2 };

// "train", "validation", "test"
std::string_view split_name(Split split);

struct SplitFractions {
    double train = 0.7;
    double validation = 0.15;
    double test = 0.15;
};

struct SplitWindows {
    std::size_t first_end = 0;  // end row t of the split's first window
    std::size_t count = 0;      // windows kept
    std::size_t dropped = 0;    // windows dropped because their targets straddle the next boundary
};

struct WindowPlan {
    std::size_t sequence_length = 0;
    std::size_t horizon = 0;
    std::size_t candidates = 0;            // N, before dropping straddlers
    std::array<SplitWindows, 3> splits{};  // indexed by Split

    const SplitWindows& operator[](Split split) const { return splits[std::size_t(split)]; }
    std::size_t end_row(Split split, std::size_t index) const { return (*this)[split].first_end + index; }
    std::size_t dropped() const { return splits[0].dropped + splits[1].dropped + splits[2].dropped; }
    std::size_t kept() const { return splits[0].count + splits[1].count + splits[2].count; }

    // Rows the training windows touch: features first_feature .. last_end, targets first_end+1 .. last_target.
    std::size_t train_first_feature_row() const { return splits[0].first_end + 1 - sequence_length; }
    std::size_t train_last_end_row() const { return splits[0].first_end + splits[0].count - 1; }
    std::size_t train_last_target_row() const { return train_last_end_row() + horizon; }

    // "3842 training, 817 validation, 818 test windows; 4 dropped at split boundaries (horizon 3)".
    std::string summary() const;
};

// Throws Error (naming `source`, e.g. the file) for fractions that are negative or do not sum to 1,
// a zero sequence length or horizon, too few rows for one window, or an empty split whose fraction
// is positive.
WindowPlan plan_windows(std::size_t rows, std::size_t first_usable_row, std::size_t sequence_length, std::size_t horizon,
                        const SplitFractions& fractions, std::string_view source);

// floor(total * fraction), robust to 0.7 * 100 = 69.99999999999999.
std::size_t floor_share(std::size_t total, double fraction);

// Throws SettingError naming the setting "split" unless every fraction is in [0, 1], the training
// fraction is positive and the three sum to 1 (within 1e-9).
void validate_fractions(const SplitFractions& fractions);

} // namespace lstmlab
