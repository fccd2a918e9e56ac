// SettingError: an Error about a run setting, with the setting names left for each front end to word.
//
// The engine does not know how its user names a setting: the command line says `--clip`, the
// workbench the label of a form field ("Gradient clipping (norm)"). A SettingError keeps its sentence
// as pieces, plain text and setting references, and words them on request:
//
//   throw SettingError({SettingRef{"dropout"}, ": inter-layer dropout needs at least two layers"});
//   what()  == "--dropout: inter-layer dropout needs at least two layers"     (the CLI's wording)
//   worded(label) == "Dropout: inter-layer dropout needs at least two layers" (the workbench's)
//
// A reference may carry a value: SettingRef{"missing", "drop"} is "--missing drop" on the command
// line. key() is the first setting the sentence names (the one to fix). Keys are those of the option
// table (engine/workflow/run_option_table.h): the CLI flag without "--", the key of sweep files.
#pragma once

#include "engine/core/error.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace lstmlab {

struct SettingRef {
    std::string key;     // "missing"
    std::string value;   // "drop", or empty for the setting alone
};

class SettingPiece {
public:
    SettingPiece(std::string text) : m_text(std::move(text)) {}
    SettingPiece(const char* text) : m_text(text) {}
    SettingPiece(SettingRef ref) : m_text(std::move(ref.value)), m_key(std::move(ref.key)), m_setting(true) {}

    bool is_setting() const { return m_setting; }
    const std::string& key() const { return m_key; }
    const std::string& text() const { return m_text; }   // the plain text, or the reference's value

private:
    std::string m_text;
    std::string m_key;
    bool m_setting = false;
};

// How a front end names a reference: its setting (key) and value (possibly empty).
using SettingWording = std::function<std::string(const std::string& key, const std::string& value)>;

// The command line's wording: "--key" or "--key value".
inline std::string cli_setting_words(const std::string& key, const std::string& value)
{
    return "--" + key + (value.empty() ? "" : " " + value);
}

inline std::string word_setting_pieces(const std::vector<SettingPiece>& pieces, const SettingWording& wording)
{
    std::string text;
    for (const SettingPiece& piece : pieces)
        text += piece.is_setting() ? wording(piece.key(), piece.text()) : piece.text();
    return text;
}

class SettingError : public Error {
public:
    explicit SettingError(std::vector<SettingPiece> pieces)
        : Error(word_setting_pieces(pieces, cli_setting_words)), m_pieces(std::move(pieces))
    {
        for (const SettingPiece& piece : m_pieces)
            if (piece.is_setting()) {
                m_key = piece.key();
                break;
            }
    }

    const std::string& key() const { return m_key; }
    const std::vector<SettingPiece>& pieces() const { return m_pieces; }
    // The sentence with every setting worded by `wording` (one line, like what()).
    std::string worded(const SettingWording& wording) const
    {
        return one_line_message(word_setting_pieces(m_pieces, wording));
    }

private:
    std::vector<SettingPiece> m_pieces;
    std::string m_key;
};

} // namespace lstmlab
