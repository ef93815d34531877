// The Embedded atm-handler's C entry point.
//
// Embedded Swift's standard library has no CommandLine, so Swift's top-level code (compiled with its
// entry point named atm_handler_main by scripts/build-embedded-handler) cannot see argc and argv. This
// main hands them to CPosix, where CurrentProcess.arguments reads them, then runs the Swift program.
void cposix_set_arguments(int count, char **values);
int atm_handler_main(int argc, char **argv);

int main(int argc, char **argv) {
    cposix_set_arguments(argc, argv);
    return atm_handler_main(argc, argv);
}
