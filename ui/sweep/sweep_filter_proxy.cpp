#include "ui/sweep/sweep_filter_proxy.h"

#include "ui/sweep/sweep_results_model.h"

#include <QRegularExpression>

#include <cmath>

namespace lstmlab::ui {
namespace {

QString normalised(QString name)
{
    name = name.toLower();
    name.remove(QRegularExpression(QStringLiteral("[\\s_\\-]")));
    return name;
}

// The number a cell shows ("53.0%" -> 53), or NaN.
double shownNumber(const QString& text)
{
    QString t = text.trimmed();
    if (t.endsWith(QLatin1Char('%')))
        t.chop(1);
    bool ok = false;
    const double value = t.toDouble(&ok);
    return ok ? value : NAN;
}

} // namespace

SweepFilterProxy::SweepFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SweepResultsModel::sortRole);
    setDynamicSortFilter(true);
}

int SweepFilterProxy::findColumn(const QString& name) const
{
    if (!sourceModel())
        return -1;
    const QString wanted = normalised(name);
    int prefix = -1, prefixCount = 0;
    for (int c = 0; c < sourceModel()->columnCount(); ++c) {
        const QString header = normalised(sourceModel()->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
        if (header == wanted)
            return c;
        if (header.startsWith(wanted)) {
            prefix = c;
            ++prefixCount;
        }
    }
    return prefixCount == 1 ? prefix : -1;
}

void SweepFilterProxy::setFilterText(const QString& text)
{
    m_text = text;
    m_terms.clear();
    static const QRegularExpression termPattern(QStringLiteral("^([^<>=:]+)(<=|>=|<|>|=|:)(.+)$"));
    for (const QString& word : text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        Term term;
        term.op = QStringLiteral(":");
        term.text = word;
        const QRegularExpressionMatch match = termPattern.match(word);
        if (match.hasMatch()) {
            const int column = findColumn(match.captured(1));
            bool isNumber = false;
            const double number = match.captured(3).toDouble(&isNumber);
            const QString op = match.captured(2);
            const bool numeric = op != QLatin1String(":") && op != QLatin1String("=");
            if (column >= 0 && (isNumber || !numeric)) {
                term = {column, op, match.captured(3), isNumber ? number : NAN};
            }
        }
        m_terms.push_back(term);
    }
    invalidateFilter();
}

bool SweepFilterProxy::matches(const Term& term, int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* model = sourceModel();
    const auto shown = [&](int column) { return model->index(sourceRow, column, sourceParent).data(Qt::DisplayRole).toString(); };
    if (term.column < 0) {
        for (int c = 0; c < model->columnCount(sourceParent); ++c)
            if (shown(c).contains(term.text, Qt::CaseInsensitive))
                return true;
        return false;
    }
    const QString cell = shown(term.column);
    if (term.op == QLatin1String(":"))
        return cell.contains(term.text, Qt::CaseInsensitive);
    const double value = shownNumber(cell);
    if (term.op == QLatin1String("="))
        return std::isfinite(term.number) && std::isfinite(value) ? value == term.number
                                                                 : cell.compare(term.text, Qt::CaseInsensitive) == 0;
    if (!std::isfinite(value))
        return false;   // a missing value satisfies no comparison
    if (term.op == QLatin1String("<"))
        return value < term.number;
    if (term.op == QLatin1String("<="))
        return value <= term.number;
    if (term.op == QLatin1String(">"))
        return value > term.number;
    return value >= term.number;
}

bool SweepFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    for (const Term& term : m_terms)
        if (!matches(term, sourceRow, sourceParent))
            return false;
    return true;
}

bool SweepFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    const bool numbers = a.typeId() == QMetaType::Double && b.typeId() == QMetaType::Double;
    if (numbers)
        return a.toDouble() < b.toDouble();
    if (a.typeId() == QMetaType::Double || b.typeId() == QMetaType::Double)
        return a.typeId() == QMetaType::Double;   // numbers before text
    return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
}

} // namespace lstmlab::ui
