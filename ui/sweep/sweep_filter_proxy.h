// SweepFilterProxy: sorts the results table by any column (numbers as numbers, from the source's
// sortRole) and filters it by a line of space-separated terms, all of which a row must match:
//   text              the text appears in any column (case-insensitive)
//   column:text       the text appears in that column ("status:finished", "hidden:64")
//   column<number     also <=, >, >=, = : a numeric comparison on the number shown ("val loss<0.01"
//                     is written "val_loss<0.01"; column names match ignoring case, spaces and
//                     '-' / '_', and a unique prefix is enough: "val<0.01", "sharpe>0")
// A term naming no column is matched as plain text, so nothing typed ever hides everything by
// accident of syntax.
#pragma once

#include <QSortFilterProxyModel>

namespace lstmlab::ui {

class SweepFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit SweepFilterProxy(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    QString filterText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    struct Term {
        int column = -1;        // -1: any column
        QString op;             // ":" text, or one of < <= > >= =
        QString text;
        double number = 0;
    };
    int findColumn(const QString& name) const;
    bool matches(const Term& term, int sourceRow, const QModelIndex& sourceParent) const;

    QString m_text;
    std::vector<Term> m_terms;
};

} // namespace lstmlab::ui
