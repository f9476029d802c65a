/** The command that runs a scenario as a shared drill room; participants join by invitation. */
export const drillServeCommand = (scenarioId: string): string => `control-room serve --drill ${scenarioId}`;
