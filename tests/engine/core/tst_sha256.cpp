// SHA-256 against the FIPS 180-2 test vectors (Appendix B) and Python's hashlib.
#include "engine/core/error.h"
#include "engine/core/sha256.h"

#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <fstream>
#include <string>

namespace tst_sha256 {

class TestSha256 : public QObject {
    Q_OBJECT
private slots:
    void knownVectors_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("expected");
        // FIPS 180-2 Appendix B.1, B.2 and B.3 (one million 'a'); the empty message from hashlib.
        QTest::newRow("abc") << QByteArray("abc")
                             << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        QTest::newRow("empty") << QByteArray("")
                               << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                  << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
        QTest::newRow("million a") << QByteArray(1000000, 'a')
                                   << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    }
    void knownVectors()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(lstmlab::sha256_hex(std::string_view(message.constData(), message.size()))),
                 expected);
    }

    void piecewiseUpdatesEqualOneUpdate_data()
    {
        QTest::addColumn<int>("piece");
        for (int piece : {1, 3, 63, 64, 65, 200})
            QTest::addRow("pieces of %d", piece) << piece;
    }
    void piecewiseUpdatesEqualOneUpdate()
    {
        QFETCH(int, piece);
        // bytes 0..255 three times; digest from hashlib.sha256(bytes(range(256))*3).
        std::string message;
        for (int copy = 0; copy < 3; ++copy)
            for (int byte = 0; byte < 256; ++byte)
                message += char(byte);
        lstmlab::Sha256 hash;
        for (std::size_t at = 0; at < message.size(); at += piece)
            hash.update(std::string_view(message).substr(at, piece));
        QCOMPARE(QString::fromStdString(hash.hex_digest()),
                 QString("f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363"));
    }

    void fileDigest()
    {
        lstmlab::test::TempDir dir;
        const std::string path = dir.file("abc.txt");
        std::ofstream(path, std::ios::binary) << "abc";
        QCOMPARE(QString::fromStdString(lstmlab::sha256_file_hex(path)),
                 QString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QVERIFY_THROWS_EXCEPTION(lstmlab::Error, lstmlab::sha256_file_hex(dir.file("missing.csv")));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestSha256)

}  // namespace tst_sha256
#include "tst_sha256.moc"
