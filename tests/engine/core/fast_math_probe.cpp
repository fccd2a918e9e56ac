// A program built and linked with -ffast-math (see CMakeLists.txt): GCC links crtfastmath.o, which
// sets FTZ/DAZ at startup. Its main() starts as lstmlab's and lstmlab-cli's do, with the engine's
// check_floating_point(), which must stop it there. It cannot include engine headers: they refuse
// -ffast-math with #error, so it declares the one function it calls.
#include <cstdio>
#include <string>

namespace lstmlab {
std::string floating_point_problems();
bool check_floating_point();
}

int main()
{
    lstmlab::check_floating_point();
    std::printf("main() ran; problems: %s\n", lstmlab::floating_point_problems().c_str());
    return 0;
}
